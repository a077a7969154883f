/* Dashboards: draw each chart from the JSON table beside it with the vendored ECharts
   (echarts-6.1.0.min.js), in the Okabe–Ito palette, which colour-blind readers can tell apart.
   The text summary and the data table are in the page already; the chart is decoration for
   screen readers (aria-hidden). Before printing, every data table is opened. */
(function () {
  "use strict";
  var PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"];

  function option(data, width) {
    var horizontal = data.kind === "hbar" || data.kind === "stack";
    var category = { type: "category", data: data.labels, axisLabel: { width: 140, overflow: "truncate" } };
    var value = { type: "value", minInterval: 1 };
    if (horizontal) {
      category.inverse = true;
      category.axisLabel = { width: Math.round(Math.min(190, width * 0.38)), overflow: "truncate" };
    } else if (data.kind === "bar") {
      category.axisLabel = { interval: 0, width: 72, overflow: "break" };
    }
    return {
      color: PALETTE,
      animation: false,
      aria: { enabled: false },
      grid: { left: 8, right: 16, top: data.series.length > 1 ? 36 : 12, bottom: 8, containLabel: true },
      legend: data.series.length > 1 ? { top: 0 } : undefined,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: data.series.map(function (s) {
        return {
          name: s.name,
          type: data.kind === "line" ? "line" : "bar",
          data: s.values,
          symbolSize: 6,
          label: data.series.length === 1 && data.kind !== "line" ? { show: true, position: horizontal ? "right" : "top" } : undefined
        };
      })
    };
  }

  function draw() {
    if (!window.echarts) { return; }
    var charts = [];
    document.querySelectorAll(".dash-chart[data-source]").forEach(function (el) {
      var source = document.getElementById(el.dataset.source);
      if (!source) { return; }
      var data = JSON.parse(source.textContent);
      if (data.kind === "hbar" || data.kind === "stack") {
        el.style.height = Math.max(160, 28 * data.labels.length + 60) + "px";
      }
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption(option(data, el.clientWidth || 600));
      charts.push(chart);
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details.dash-data:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
      charts.forEach(function (c) { c.resize(); });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".dash-print").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { window.print(); });
    });
    draw();
  });
})();
