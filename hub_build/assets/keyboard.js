/* Material's header opens its menu drawer and (on narrow screens) its search box with <label>s for hidden
   checkboxes, which a keyboard cannot reach. Make them buttons: a Tab stop, a name, a state, and Enter or
   Space to toggle; Escape closes the drawer and returns focus to its button. Without JavaScript nothing
   changes (the labels still work with a pointer). */
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
  var NAMES = { __drawer: _("Menu"), __search: _("Search") };
  function setup() {
    document.querySelectorAll(".md-header label.md-header__button[for]").forEach(function (label) {
      var toggle = document.getElementById(label.htmlFor);
      if (!toggle || !(label.htmlFor in NAMES)) return;
      label.setAttribute("role", "button");
      label.setAttribute("tabindex", "0");
      label.setAttribute("aria-label", NAMES[label.htmlFor]);
      var sync = function () { label.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); };
      sync();
      toggle.addEventListener("change", sync);
      label.addEventListener("click", function () { setTimeout(sync, 0); });
      label.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        label.click();
        if (label.htmlFor === "__drawer" && toggle.checked) {
          var first = document.querySelector(".md-sidebar--primary a[href]");
          if (first) setTimeout(function () { first.focus(); }, 0);
        }
      });
    });
    var drawer = document.getElementById("__drawer");
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !drawer || !drawer.checked) return;
      drawer.click();
      var button = document.querySelector('.md-header label[for="__drawer"]');
      if (button) button.focus();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
