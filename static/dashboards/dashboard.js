/* The leaders' dashboard: draws each panel's chart from the figures the page carries in
   <script type="application/json" id="dashboard-charts"> (the same numbers as the table beside it). */
(function () {
  "use strict";

  // Distinguishable colours, also for colour-blind readers (Okabe–Ito).
  var PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas || !window.Chart) {
      return;
    }
    var line = config.type === "line";
    var datasets = config.datasets.map(function (dataset, index) {
      var colour = PALETTE[index % PALETTE.length];
      return {
        label: dataset.label,
        data: dataset.data,
        borderColor: colour,
        backgroundColor: line ? colour : colour + "CC",
        spanGaps: true,
        tension: 0.2,
        pointRadius: 4,
      };
    });
    var unit = config.unit || "";
    var y = { beginAtZero: config.yMin === undefined, stacked: !!config.stacked, ticks: {} };
    if (config.yMin !== undefined) {
      y.min = config.yMin;
    }
    if (config.yMax !== undefined) {
      y.max = config.yMax;
    }
    if (unit) {
      y.ticks.callback = function (value) {
        return value + " " + unit;
      };
    }
    if (!line && config.yMax === undefined) {
      y.ticks.precision = 0;
    }
    canvas.chart = new window.Chart(canvas, {
      type: config.type,
      data: { labels: config.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: !!config.stacked }, y: y },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }

  function start() {
    var data = document.getElementById("dashboard-charts");
    if (!data) {
      return;
    }
    var charts = JSON.parse(data.textContent);
    Object.keys(charts).forEach(function (id) {
      draw(id, charts[id]);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
