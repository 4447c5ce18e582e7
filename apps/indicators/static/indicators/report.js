/* The report page: as a figure is typed, show the reason field when it differs from the
   one the system counted, and the value of a percentage (one decimal and "%", as the
   server writes it) or ratio. The server checks both again on saving; without
   JavaScript the reason field appears after saving. A report that was not saved opens
   with its error summary focused, so that it is read first. */
(function () {
  "use strict";

  // a number as people type it in Vietnamese: "1.234", "1 234", "12,5"
  function parse(text) {
    var raw = String(text || "").replace(/[\s\u202f]/g, "");
    if (!raw) { return null; }
    if (raw.indexOf(",") >= 0) {
      raw = raw.replace(/\./g, "").replace(",", ".");
    } else if ((raw.match(/\./g) || []).length > 1 || /^\d+\.\d{3}$/.test(raw)) {
      raw = raw.replace(/\./g, "");
    }
    var value = Number(raw);
    return isFinite(value) ? value : NaN;
  }

  function format(value, percent) {
    if (percent) {
      return value.toLocaleString("vi-VN", { maximumFractionDigits: 1 }) + "%";
    }
    return value.toLocaleString("vi-VN", { maximumFractionDigits: 2 });
  }

  function update(row) {
    var num = row.querySelector("input[name$='__num']");
    var den = row.querySelector("input[name$='__den']");
    if (!num) { return; }
    var reason = row.querySelector("[data-bd-reason]");
    if (reason && row.hasAttribute("data-prefill-num")) {
      var differs = parse(num.value) !== parse(row.getAttribute("data-prefill-num"));
      if (den) { differs = differs || parse(den.value) !== parse(row.getAttribute("data-prefill-den")); }
      var input = reason.querySelector("input");
      if (differs) {
        reason.classList.remove("d-none");
      } else if (input && !input.value && !reason.querySelector(".bd-finding")) {
        reason.classList.add("d-none");
      }
    }
    var out = row.querySelector("[data-bd-percent]");
    if (out && den) {
      var n = parse(num.value);
      var d = parse(den.value);
      var multiplier = Number(row.getAttribute("data-multiplier") || "1");
      var percent = row.hasAttribute("data-percent");
      out.textContent = n !== null && d && !isNaN(n) && !isNaN(d) ? format((n * multiplier) / d, percent) : "—";
    }
  }

  document.addEventListener("input", function (evt) {
    var row = evt.target && evt.target.closest ? evt.target.closest("[data-bd-figure]") : null;
    if (row) { update(row); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-bd-error-summary]");
    if (summary && !window.location.hash) { summary.focus(); }
  });
})();
