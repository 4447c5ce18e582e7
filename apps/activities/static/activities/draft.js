// Quick entry keeps what was typed: every change of a form marked data-bd-draft="KEY" is
// saved in this browser (localStorage), and a fresh form is filled from it, so that a
// connection lost while submitting loses nothing. The page that confirms the save carries
// data-bd-draft-clear="KEY" and the draft is forgotten there.
(function () {
  "use strict";
  var PREFIX = "binhdang-draft:";

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "file" && el.type !== "submit";
    });
  }

  function save(form, store) {
    var data = {};
    fields(form).forEach(function (el) {
      data[el.name] = el.type === "checkbox" ? el.checked : el.value;
    });
    store.setItem(PREFIX + form.dataset.bdDraft, JSON.stringify(data));
  }

  function restore(form, store) {
    var raw = store.getItem(PREFIX + form.dataset.bdDraft);
    if (!raw) return;
    var data;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      return;
    }
    fields(form).forEach(function (el) {
      if (!(el.name in data)) return;
      if (el.type === "checkbox") el.checked = Boolean(data[el.name]);
      else el.value = data[el.name];
    });
    var note = form.querySelector("[data-bd-draft-note]");
    if (note) note.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var store = storage();
    if (!store) return;
    document.querySelectorAll("[data-bd-draft-clear]").forEach(function (el) {
      store.removeItem(PREFIX + el.dataset.bdDraftClear);
    });
    document.querySelectorAll("form[data-bd-draft]").forEach(function (form) {
      if (form.hasAttribute("data-bd-draft-restore")) restore(form, store);
      form.addEventListener("input", function () { save(form, store); });
      form.addEventListener("change", function () { save(form, store); });
    });
  });
})();
