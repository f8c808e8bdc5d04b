/* The header's language switch keeps the reader's place: the link to this page in another language takes the
   page's current query and fragment with it (the search words, place and filters on /find/ live there, and
   search.js updates them as the reader works), read at the moment the link is used. Without this script the
   link still leads to the same page in the other language. */
(function () {
  "use strict";
  function carry(link) {
    var base = link.getAttribute("data-hub-language-base");
    if (base === null) {
      base = link.getAttribute("href").split("#")[0].split("?")[0];
      link.setAttribute("data-hub-language-base", base);
    }
    link.setAttribute("href", base + window.location.search + window.location.hash);
  }
  document.querySelectorAll("a[data-hub-language]").forEach(function (link) {
    ["focus", "mouseenter", "mousedown", "click", "contextmenu"].forEach(function (name) {
      link.addEventListener(name, function () { carry(link); }, true);
    });
  });
})();
