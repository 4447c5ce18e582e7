/* Messages from Django (components/toasts.html) appear as Bootstrap toasts, also after an
   htmx swap. A toast with an action (Undo) or an error stays until it is closed. */
(function () {
  "use strict";
  function showToasts(root) {
    if (!window.bootstrap) { return; }
    root.querySelectorAll(".toast[data-bd-toast]:not([data-bd-shown])").forEach(function (el) {
      el.setAttribute("data-bd-shown", "");
      window.bootstrap.Toast.getOrCreateInstance(el).show();
    });
  }
  document.addEventListener("DOMContentLoaded", function () { showToasts(document); });
  document.addEventListener("htmx:load", function (evt) { showToasts(document); });
})();
