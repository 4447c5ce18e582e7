/* Small form behaviours, declared with data attributes (no inline handlers under the CSP):
   data-bd-autosubmit on a select submits its form when the choice changes;
   data-bd-upload on a form shows the upload progress in its <progress>.
   (data-bd-unsaved, asking before leaving a form with changes, is leave.js.) */
(function () {
  "use strict";
  document.addEventListener("change", function (evt) {
    var el = evt.target;
    if (el instanceof HTMLSelectElement && el.hasAttribute("data-bd-autosubmit") && el.form) {
      el.form.requestSubmit();
    }
  });

  document.addEventListener("htmx:xhr:progress", function (evt) {
    var form = evt.target.closest ? evt.target.closest("[data-bd-upload]") : null;
    if (!form || !evt.detail.lengthComputable) { return; }
    var bar = form.querySelector("progress");
    var percent = Math.round((evt.detail.loaded / evt.detail.total) * 100);
    if (bar) {
      bar.value = percent;
      bar.textContent = percent + "%";
    }
    var status = form.querySelector("[data-bd-upload-status]");
    if (status) { status.textContent = percent + "%"; }
  });
})();
