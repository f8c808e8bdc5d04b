/* On-page list filter for hub-build browse pages.
 * A <div data-hub-filter="LIST_ID"> (hidden until this script runs, so the page works without it)
 * filters the <li> items of #LIST_ID by words and by drop-downs whose names match the items'
 * data-* attributes (space-separated terms). The count is announced in a live region.
 */
(function () {
  "use strict";
  /* The hub's words in the page's language (assets/hub/messages.js, from hub_build/locale); English as written. */
  function _(text) {
    var words = window.hubMessages;
    return words && Object.prototype.hasOwnProperty.call(words, text) ? words[text] : text;
  }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? String(values[name]) : all; });
  }

  function setUp(form) {
    var list = document.getElementById(form.getAttribute("data-hub-filter"));
    if (!list) return;
    var noun = form.getAttribute("data-noun") || "item";
    var items = Array.prototype.slice.call(list.children);
    var status = form.querySelector(".hub-filter__status");
    var words = form.querySelector("input[name=q]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

    function apply() {
      var query = (words.value || "").toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item) {
        var text = item.textContent.toLowerCase();
        var ok = query.every(function (word) { return text.indexOf(word) !== -1; });
        selects.forEach(function (select) {
          if (ok && select.value) {
            var terms = (item.getAttribute("data-" + select.name) || "").split(" ");
            ok = terms.indexOf(select.value) !== -1;
          }
        });
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      status.textContent = shown === items.length
        ? ""
        : fill(items.length === 1 ? _("Showing {shown} of 1 {noun}.") : _("Showing {shown} of {total} {noun}s."),
               { shown: shown, total: items.length, noun: noun });
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.hidden = false;
    apply();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-hub-filter]"), setUp);
    // Forms that only work with JavaScript (the home page's search) stay hidden without it, so nothing typed is lost.
    Array.prototype.forEach.call(document.querySelectorAll("form[data-needs-js][hidden]"), function (form) { form.hidden = false; });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
