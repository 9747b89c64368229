// Plotly charts, drawn from the JSON each page writes with Django's json_script (never inline code).
// Loaded with defer after plotly.min.js; a page without a chart's data element draws nothing.
(function () {
  "use strict";
  var CONFIG = {responsive: true, displaylogo: false};

  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function flowChart() {
    var d = data("flow-data");
    if (!d || !document.getElementById("flow-chart")) { return; }
    var traces = d.traces.map(function (t) { return {x: t.x, y: t.y, name: t.name, type: "scatter", mode: "lines", connectgaps: false}; });
    var shapes = d.events.map(function (e) { return {type: "line", x0: e.date, x1: e.date, yref: "paper", y0: 0, y1: 1, line: {color: "#9b1c1c", width: 1, dash: "dot"}}; });
    var notes = d.events.map(function (e) { return {x: e.date, y: 1, yref: "paper", text: "●", hovertext: e.when + ": " + e.title, showarrow: false, font: {color: "#9b1c1c"}}; });
    Plotly.newPlot("flow-chart", traces, {margin: {t: 10, r: 10, b: 40, l: 50}, shapes: shapes, annotations: notes, legend: {orientation: "h"}, yaxis: {title: "arrivals per day"}}, CONFIG);
  }

  function placeChart() {
    var s = data("place-series");
    if (!s || !document.getElementById("place-chart")) { return; }
    Plotly.newPlot("place-chart", [{x: s.x, y: s.y, name: s.name, type: "scatter", mode: "lines"}], {margin: {t: 10, r: 10, b: 40, l: 50}, yaxis: {title: "arrivals per day"}}, CONFIG);
  }

  function scenarioCharts() {
    var d = data("scenario-data");
    if (!d || !document.getElementById("scenario-chart")) { return; }
    var palette = ["#1f5f8b", "#9a4a08", "#2f7d4a", "#7b3f98", "#9b1c1c", "#4d5966"];
    var traces = [];
    d.places.forEach(function (p, i) {
      var color = palette[i % palette.length];
      traces.push({x: d.dates, y: p.scenario, name: p.label + " (closure)", type: "scatter", mode: "lines", line: {color: color, width: 2}});
      traces.push({x: d.dates, y: p.baseline, name: p.label + " (without)", type: "scatter", mode: "lines", line: {color: color, width: 1, dash: "dot"}});
    });
    Plotly.newPlot("scenario-chart", traces, {margin: {t: 10, r: 10, b: 40, l: 50}, legend: {orientation: "h"}, yaxis: {title: "arrivals per day", rangemode: "tozero"}}, CONFIG);
    var bars = {x: d.totals.map(function (t) { return t.label; }), y: d.totals.map(function (t) { return t.change; }), type: "bar", marker: {color: d.totals.map(function (t) { return t.change > 0 ? "#1f5f8b" : "#9b1c1c"; })}};
    Plotly.newPlot("scenario-totals", [bars], {margin: {t: 10, r: 10, b: 80, l: 60}, yaxis: {title: "change in arrivals"}}, CONFIG);
  }

  function forecastChart(element) {
    var d = data(element.dataset.forecastChart);
    if (!d) { return; }
    var compact = element.dataset.compact === "true";
    var share = Math.round(d.coverage * 100) + " % interval";
    var hidden = {width: 0};
    var traces = [
      {x: d.backtest_days, y: d.backtest_upper, type: "scatter", mode: "lines", line: hidden, hoverinfo: "skip", showlegend: false},
      {x: d.backtest_days, y: d.backtest_lower, type: "scatter", mode: "lines", line: hidden, fill: "tonexty", fillcolor: "rgba(31,95,139,0.18)", name: share + ", one day ahead", hoverinfo: "skip"},
      {x: d.history_days, y: d.history, type: "scatter", mode: "lines", name: "observed", line: {color: "#1b1f24", width: 2}},
      {x: d.days, y: d.upper, type: "scatter", mode: "lines", line: hidden, hoverinfo: "skip", showlegend: false},
      {x: d.days, y: d.lower, type: "scatter", mode: "lines", line: hidden, fill: "tonexty", fillcolor: "rgba(180,83,9,0.22)", name: share},
      {x: d.days, y: d.forecast, type: "scatter", mode: "lines+markers", name: "forecast", line: {color: "#9a4a08", dash: "dash", width: 2}, marker: {size: 4}}
    ];
    var layout = {
      margin: {t: 10, r: 10, b: 40, l: 50},
      legend: {orientation: "h"},
      showlegend: !compact,
      yaxis: {title: compact ? "" : "arrivals per day", rangemode: "tozero"},
      shapes: [{type: "line", x0: d.origin, x1: d.origin, yref: "paper", y0: 0, y1: 1, line: {color: "#6b7785", width: 1, dash: "dot"}}]
    };
    Plotly.newPlot(element.id, traces, layout, CONFIG);
  }

  function draw() {
    if (!window.Plotly) { return; }
    flowChart();
    placeChart();
    scenarioCharts();
    document.querySelectorAll("[data-forecast-chart]").forEach(forecastChart);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
