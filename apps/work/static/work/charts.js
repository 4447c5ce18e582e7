// Charts of the overview pages: each <canvas data-bd-chart='{"type": …, "labels": […],
// "datasets": [{"label": …, "data": […]}], "stacked": true}'> becomes a Chart.js chart.
// The same figures are in the table beside each chart, for screen readers and printing.
(function () {
  "use strict";
  var COLOURS = ["#2e7d6e", "#b4436c", "#6c757d", "#d9822b", "#3b6fb6", "#7a5195"];

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof window.Chart === "undefined") return;
    document.querySelectorAll("canvas[data-bd-chart]").forEach(function (canvas) {
      var spec;
      try {
        spec = JSON.parse(canvas.dataset.bdChart);
      } catch (e) {
        return;
      }
      var colours = spec.colours || COLOURS;
      var datasets = spec.datasets.map(function (set, i) {
        var colour = spec.type === "doughnut" ? colours : colours[i % colours.length];
        return { label: set.label, data: set.data, backgroundColor: colour, borderColor: colour };
      });
      var axes = spec.type === "doughnut" ? {} : {
        x: { stacked: Boolean(spec.stacked) },
        y: { stacked: Boolean(spec.stacked), beginAtZero: true, ticks: { precision: 0 } }
      };
      new window.Chart(canvas, {
        type: spec.type,
        data: { labels: spec.labels, datasets: datasets },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          indexAxis: spec.horizontal ? "y" : "x",
          scales: axes,
          plugins: { legend: { position: "bottom" } }
        }
      });
    });
  });
})();
