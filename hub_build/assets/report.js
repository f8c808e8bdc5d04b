/* hub-build: "Report a problem". Without JavaScript the page offers two links (an e-mail naming the page and
   asking the questions, and GitHub's issue form naming the page and its file). This script shows the short form
   instead and writes what was typed into a mailto: link with a readable subject and body, or into GitHub's issue
   form field by field. Nothing is sent anywhere until the person sends the e-mail or submits the issue. */
(function () {
  "use strict";

  function answers(section) {
    var form = section.querySelector("form");
    var wrong = Array.prototype.filter.call(form.querySelectorAll('input[name="wrong"]'), function (box) { return box.checked; })
      .map(function (box) { return box.value; });
    return {
      item: section.dataset.item, page: section.dataset.page, file: section.dataset.file,
      wrong: wrong, should: form.querySelector('[name="should-say"]').value.trim(),
      contact: form.querySelector('[name="contact"]').value.trim()
    };
  }

  function pageAddress(section) {
    // The address the reader is on (without search terms or fragments), else the one the build knows.
    var here = window.location.href.split("#")[0].split("?")[0];
    return /^https?:/.test(here) ? here : section.dataset.page;
  }

  function mailBody(a) {
    return [
      "Problem with: " + a.item,
      "Page: " + a.page,
      "File: " + a.file,
      "",
      "What is wrong:",
      a.wrong.length ? a.wrong.map(function (w) { return "- " + w; }).join("\n") : "- (not ticked)",
      "",
      "What it should say:",
      a.should || "(not given)",
      "",
      "From: " + (a.contact || "(not given)")
    ].join("\n");
  }

  function mailto(section, a) {
    // RFC 6068: every character outside the unreserved set is percent-encoded (line breaks as %0D%0A).
    return "mailto:" + section.dataset.email + "?subject=" + encodeURIComponent(section.dataset.subject) +
      "&body=" + encodeURIComponent(mailBody(a).replace(/\r?\n/g, "\r\n"));
  }

  function issue(section, a) {
    var params = {
      template: "report-a-problem.yml", title: section.dataset.subject, item: a.item, page: a.page, file: a.file,
      "what-is-wrong": a.wrong.map(function (w) { return "- " + w; }).join("\n"), "should-say": a.should, contact: a.contact
    };
    var query = Object.keys(params).filter(function (k) { return params[k]; })
      .map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]); }).join("&");
    return section.dataset.issues + "?" + query;
  }

  function start(section) {
    var form = section.querySelector("form");
    var error = section.querySelector(".hub-report__error");
    function ready() {
      var a = answers(section);
      a.page = pageAddress(section);
      if (!a.wrong.length && !a.should) {
        error.hidden = false;
        var first = form.querySelector('input[name="wrong"]');
        if (first) first.focus();
        return null;
      }
      error.hidden = true;
      return a;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var a = section.dataset.email && ready();
      if (a) window.location.href = mailto(section, a);
    });
    var github = section.querySelector(".hub-report__issue");
    if (github) {
      github.addEventListener("click", function () {
        var a = ready();
        if (a) window.location.href = issue(section, a);
      });
    }
    form.hidden = false;
    section.querySelector(".hub-report__nojs").hidden = true;
  }

  function startAll() { Array.prototype.forEach.call(document.querySelectorAll(".hub-report"), start); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
  else startAll();
})();
