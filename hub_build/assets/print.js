/* The print header (theme main.html, shown by hub.css in print only): the date printed and the address of the
   page, which only the browser knows (the build may not know the site's address, and the date is the day of
   printing). Filled at load and again just before printing, so a page left open overnight prints today's date. */
(function () {
  "use strict";
  function fill() {
    var date = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    document.querySelectorAll(".hub-print-date").forEach(function (node) { node.textContent = date; });
    document.querySelectorAll(".hub-print-url").forEach(function (node) { node.textContent = window.location.href; });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill);
  else fill();
  window.addEventListener("beforeprint", fill);
})();
