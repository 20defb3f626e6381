/* The department cockpit's charts: ECharts over the numbers in #cockpit-data (the tables show the same ones). */
(function () {
  "use strict";

  var source = document.getElementById("cockpit-data");
  if (!source || !window.echarts) return;
  var data = JSON.parse(source.textContent);
  // The charts stay hidden without JavaScript (or ECharts): the tables below carry the same numbers.
  var section = document.getElementById("cockpit-charts");
  if (section) section.hidden = false;
  var labels = data.labels;
  var css = window.getComputedStyle(document.documentElement);

  function cssColor(name, fallback) {
    return (css.getPropertyValue(name) || "").trim() || fallback;
  }

  var COLORS = {
    red: cssColor("--red", "#b3261e"),
    yellow: "#e0a100",
    green: cssColor("--green", "#1e7a3a"),
    done: "#8a939c",
    blue: cssColor("--blue", "#1d4f91"),
  };
  var FONT = cssColor("--font", "sans-serif");
  var charts = [];

  function narrow(node) {
    return node.clientWidth < 480;
  }

  function draw(name, build) {
    var node = document.querySelector('[data-chart="' + name + '"]');
    if (!node) return;
    var chart = window.echarts.init(node, null, { renderer: "canvas" });
    chart.setOption(build(node));
    charts.push({ chart: chart, node: node, build: build });
  }

  // Tooltips are drawn on the canvas as text (richText), not as HTML: unit and leader names come from plans, and an
  // HTML tooltip would also carry style="" attributes that the CSP refuses.
  function tooltip(extra) {
    var t = { confine: true, renderMode: "richText" };
    Object.keys(extra).forEach(function (k) { t[k] = extra[k]; });
    return t;
  }

  function base() {
    return { textStyle: { fontFamily: FONT }, animation: false };
  }

  // Lights per unit: horizontal stacked bars, the unit with most overdue tasks on top; the height follows the count.
  var unitsNode = document.querySelector('[data-chart="units"]');
  if (unitsNode) unitsNode.style.height = Math.max(200, 64 + 30 * data.units.names.length) + "px";
  draw("units", function (node) {
    var small = narrow(node);
    var option = base();
    option.tooltip = tooltip({ trigger: "axis", axisPointer: { type: "shadow" } });
    option.legend = { top: 0, data: ["red", "yellow", "green", "done"].map(function (k) { return labels[k]; }) };
    option.grid = { left: 8, right: 16, top: 32, bottom: 8, containLabel: true };
    option.xAxis = { type: "value", minInterval: 1 };
    option.yAxis = {
      type: "category",
      inverse: true,
      data: data.units.names,
      axisLabel: { width: small ? 84 : 180, overflow: "truncate", fontSize: small ? 11 : 12 },
    };
    option.series = ["red", "yellow", "green", "done"].map(function (k) {
      return {
        name: labels[k],
        type: "bar",
        stack: "tasks",
        barMaxWidth: 18,
        itemStyle: { color: COLORS[k] },
        emphasis: { focus: "series" },
        data: data.units[k],
      };
    });
    return option;
  });

  // On-time rate per lead leader, in percent (a leader with no done task yet has no bar).
  draw("leaders", function (node) {
    var small = narrow(node);
    var option = base();
    option.tooltip = tooltip({
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: function (v) { return v === null || v === undefined ? "—" : v + "%"; },
    });
    option.grid = { left: 8, right: 16, top: 24, bottom: 8, containLabel: true };
    option.xAxis = {
      type: "category",
      data: data.leaders.names,
      axisLabel: { interval: 0, rotate: small && data.leaders.names.length > 4 ? 45 : 0 },
    };
    option.yAxis = { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } };
    option.series = [{
      name: labels.on_time,
      type: "bar",
      barMaxWidth: 36,
      itemStyle: { color: COLORS.blue },
      label: { show: true, position: "top", formatter: "{c}%" },
      data: data.leaders.on_time,
    }];
    return option;
  });

  // Reports submitted per month, the last twelve months.
  draw("months", function (node) {
    var small = narrow(node);
    var option = base();
    option.tooltip = tooltip({ trigger: "axis" });
    option.grid = { left: 28, right: 24, top: 24, bottom: 8, containLabel: true };
    option.xAxis = {
      type: "category",
      boundaryGap: false,
      data: data.months.labels,
      axisLabel: { interval: small ? 1 : 0, formatter: monthLabel },
    };
    option.yAxis = { type: "value", minInterval: 1 };
    option.series = [{
      name: labels.reports,
      type: "line",
      smooth: false,
      symbolSize: 6,
      itemStyle: { color: COLORS.red },
      areaStyle: { opacity: 0.12 },
      data: data.months.reports,
    }];
    return option;
  });

  // "2019-08" → "8月"; January and the first month carry the year on a second line.
  function monthLabel(value, index) {
    var parts = value.split("-");
    var month = parseInt(parts[1], 10);
    return index === 0 || month === 1 ? month + "月\n" + parts[0] + "年" : month + "月";
  }

  var pending = null;
  function resize() {
    pending = null;
    charts.forEach(function (c) {
      c.chart.resize();
      c.chart.setOption(c.build(c.node), { replaceMerge: ["series"] });
    });
  }
  window.addEventListener("resize", function () {
    if (pending) window.clearTimeout(pending);
    pending = window.setTimeout(resize, 150);
  });
  window.addEventListener("beforeprint", resize);
})();
