/* Nothing typed is lost by leaving: a form marked data-bd-unsaved makes the browser ask
   before the page is left (a link, Back, closing the tab) once any of its fields has
   changed. Sending that form itself is leaving on purpose and does not ask, unless the
   sending was cancelled (a confirmation declined). data-bd-unsaved="changed" marks a form
   that came back from the server with an error: what it holds is not saved yet.
   Used by the plan editor, the report and narrative forms, progress, activity, new-task and
   import-review forms. An htmx form that was saved in place is clean again. */
(function () {
  "use strict";
  var changed = [];  // the marked forms with changes not saved
  var lastSubmit = null;  // the last submit event; its form is being saved unless prevented

  function marked(el) {
    var form = el && (el.form || (el.closest ? el.closest("form") : null));
    return form && form.hasAttribute("data-bd-unsaved") ? form : null;
  }

  function note(evt) {
    var form = marked(evt.target);
    if (form && changed.indexOf(form) < 0) { changed.push(form); }
  }

  document.addEventListener("input", note, true);
  document.addEventListener("change", note, true);
  document.addEventListener("submit", function (evt) { lastSubmit = evt; });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-bd-unsaved='changed']").forEach(function (form) {
      if (changed.indexOf(form) < 0) { changed.push(form); }
    });
  });

  document.addEventListener("htmx:afterRequest", function (evt) {
    var form = marked(evt.detail && evt.detail.elt);
    if (form && evt.detail.successful) {
      changed = changed.filter(function (f) { return f !== form; });
    }
  });

  // back to this page from the browser's history: nothing is being sent any more
  window.addEventListener("pageshow", function () { lastSubmit = null; });

  window.addEventListener("beforeunload", function (evt) {
    var saving = lastSubmit && !lastSubmit.defaultPrevented ? lastSubmit.target : null;
    var unsaved = changed.filter(function (form) { return form.isConnected && form !== saving; });
    if (!unsaved.length) { return; }
    evt.preventDefault();
    evt.returnValue = "";  // browsers show their own question
  });
})();
