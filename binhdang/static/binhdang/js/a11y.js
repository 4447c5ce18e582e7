/* Keyboard access to regions that scroll sideways (a wide table inside .table-responsive
   on a phone): such a region gets into the Tab order so that arrow keys can scroll it. */
(function () {
  "use strict";
  function markScrollable(root) {
    root.querySelectorAll(".table-responsive, .table-responsive-sm, [data-bd-scroll]").forEach(function (el) {
      var scrolls = el.scrollWidth > el.clientWidth + 1;
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("data-bd-scroll-focus", "");
      } else if (!scrolls && el.hasAttribute("data-bd-scroll-focus")) {
        el.removeAttribute("tabindex");
        el.removeAttribute("data-bd-scroll-focus");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { markScrollable(document); });
  document.addEventListener("htmx:load", function () { markScrollable(document); });
  window.addEventListener("resize", function () { markScrollable(document); });
})();
