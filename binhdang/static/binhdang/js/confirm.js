/* Confirmation dialog (components/confirm_dialog.html) for hx-confirm="…" and for plain
   forms with data-bd-confirm="…": the question in a modal, focus on the confirming button,
   Escape or Cancel to step back. Without JavaScript the links lead to a confirmation page. */
(function () {
  "use strict";
  var pending = null;
  var confirmed = null;

  function dialog() { return document.getElementById("bd-confirm"); }

  function ask(question, label, onConfirm) {
    var el = dialog();
    if (!el || !window.bootstrap) { return false; }
    el.querySelector("[data-bd-confirm-question]").textContent = question;
    var button = el.querySelector("[data-bd-confirm-ok]");
    button.textContent = label || button.getAttribute("data-bd-default-label");
    pending = onConfirm;
    window.bootstrap.Modal.getOrCreateInstance(el).show();
    return true;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var el = dialog();
    if (!el) { return; }
    var shown = false;  // Bootstrap ignores hide() while the dialog is still fading in
    el.addEventListener("shown.bs.modal", function () {
      shown = true;
      el.querySelector("[data-bd-confirm-ok]").focus();
    });
    el.addEventListener("hide.bs.modal", function () { shown = false; });
    // the action runs once the dialog has closed, so that the page it may replace is
    // left without a backdrop or a locked scroll
    el.addEventListener("hidden.bs.modal", function () {
      var action = confirmed;
      pending = null;
      confirmed = null;
      if (action) { action(); }
    });
    // a quick click on the confirming button, before the dialog has finished appearing,
    // still confirms: the dialog closes as soon as it can
    el.querySelector("[data-bd-confirm-ok]").addEventListener("click", function () {
      confirmed = pending;
      var modal = window.bootstrap.Modal.getOrCreateInstance(el);
      if (shown) {
        modal.hide();
      } else {
        el.addEventListener("shown.bs.modal", function () { modal.hide(); }, { once: true });
      }
    });
  });

  // htmx: <button hx-post="…" hx-confirm="Question?" data-bd-confirm-label="Stop using">
  document.addEventListener("htmx:confirm", function (evt) {
    if (!evt.detail.question) { return; }
    var label = evt.detail.elt.getAttribute("data-bd-confirm-label");
    if (ask(evt.detail.question, label, function () { evt.detail.issueRequest(true); })) {
      evt.preventDefault();
    }
  });

  // plain forms: <form method="post" data-bd-confirm="Question?">, or one of its buttons
  // <button type="submit" data-bd-confirm="Question?"> (the others submit without asking)
  document.addEventListener("submit", function (evt) {
    var form = evt.target;
    if (!(form instanceof HTMLFormElement) || form.hasAttribute("data-bd-confirmed")) { return; }
    var submitter = evt.submitter || null;
    var source = submitter && submitter.hasAttribute("data-bd-confirm") ? submitter : form;
    if (!source.hasAttribute("data-bd-confirm")) { return; }
    if (ask(source.getAttribute("data-bd-confirm"), source.getAttribute("data-bd-confirm-label"), function () {
      form.setAttribute("data-bd-confirmed", "");
      if (submitter) { form.requestSubmit(submitter); } else { form.requestSubmit(); }
    })) {
      evt.preventDefault();
    }
  });
})();
