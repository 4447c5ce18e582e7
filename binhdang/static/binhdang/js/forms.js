/* Small form behaviours, declared with data attributes (no inline handlers under the CSP):
   data-bd-autosubmit on a select submits its form when the choice changes;
   data-bd-upload on a form shows the upload progress in its <progress>;
   data-bd-unsaved on a form makes the browser ask before leaving it with changes typed. */
(function () {
  "use strict";
  var dirty = null;  // the form with unsaved changes, if any
  document.addEventListener("input", function (evt) {
    var form = evt.target && evt.target.form;
    if (form && form.hasAttribute("data-bd-unsaved")) { dirty = form; }
  });
  var lastSubmit = null;  // sending the form is leaving it on purpose, unless cancelled
  document.addEventListener("submit", function (evt) { lastSubmit = evt; });
  window.addEventListener("beforeunload", function (evt) {
    if (!dirty || (lastSubmit && !lastSubmit.defaultPrevented)) { return; }
    evt.preventDefault();
    evt.returnValue = "";  // browsers show their own question
  });
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
