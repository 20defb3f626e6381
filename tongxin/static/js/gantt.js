/* The Gantt page: frappe-gantt, read-only, fed by the Gantt feed named in #gantt[data-feed]. */
(function () {
  "use strict";

  // Our own month and week scales: frappe-gantt's put day numbers before month names ("1 Jan"), which reads
  // badly in Chinese, and its widths make a year much wider than a screen.
  function viewModes(lang) {
    var month = new Intl.DateTimeFormat(lang, { month: "short" });
    var year = new Intl.DateTimeFormat(lang, { year: "numeric" });
    return [
      {
        name: "Month",
        // No padding before: a padding month's label sat half outside the chart, so the axis read "2月 1月 2月".
        padding: ["0d", "1m"],
        step: "1m",
        column_width: 80,
        date_format: "YYYY-MM",
        lower_text: function (d) { return month.format(d); },
        upper_text: function (d, ld) {
          // The year over the first column, and over each January (unless the first column is a December).
          if (!ld) return d.getMonth() < 11 ? year.format(d) : "";
          return d.getFullYear() !== ld.getFullYear() ? year.format(d) : "";
        },
        thick_line: function (d) { return d.getMonth() % 3 === 0; },
        snap_at: "7d",
      },
      {
        name: "Week",
        padding: ["0d", "1m"],
        step: "7d",
        column_width: 56,
        date_format: "YYYY-MM-DD",
        lower_text: function (d) { return (d.getMonth() + 1) + "/" + d.getDate(); },
        upper_text: function (d, ld) { return !ld || d.getMonth() !== ld.getMonth() ? month.format(d) : ""; },
        thick_line: function (d) { return d.getDate() <= 7; },
        upper_text_frequency: 4,
      },
    ];
  }

  function text(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    node.textContent = content;
    return node;
  }

  // frappe-gantt writes a task's name into the bar label as HTML (innerHTML). Titles come from plans and from units
  // (自选动作), so the name it gets is escaped and the title itself is kept as text in `title` for the popup.
  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The popup is built from DOM nodes, never from HTML strings, so titles cannot inject markup.
  function popup(box, lang) {
    var fmt = new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", day: "numeric" });
    return function (ctx) {
      var task = ctx.task;
      ctx.get_title().textContent = task.title.replace(/^· /, "");
      ctx.get_subtitle().textContent = task.custom_class.indexOf("gantt-session") === 0 ? task.activity : "";
      var details = ctx.get_details();
      details.textContent = "";
      var last = new Date(task._end.getTime() - 1000);
      var first = fmt.format(task._start), end = fmt.format(last);
      details.appendChild(text("div", "", first === end ? first : first + " — " + end));
      var link = text("a", "gantt-open", box.getAttribute("data-open"));
      link.href = task.url;
      details.appendChild(link);
      // frappe-gantt opens the popup to the right of the click; on a phone that is often off screen.
      window.requestAnimationFrame(function () { keepInView(box); });
    };
  }

  function keepInView(box) {
    var container = box.querySelector(".gantt-container");
    var pop = box.querySelector(".popup-wrapper");
    if (!container || !pop) return;
    var overflow = pop.getBoundingClientRect().right - container.getBoundingClientRect().right + 8;
    if (overflow > 0) pop.style.left = Math.max(container.scrollLeft + 4, pop.offsetLeft - overflow) + "px";
  }

  // Open on today when the programme is under way (from the first of last month, for context), otherwise at its
  // start. A month's first day puts a whole column, label and all, at the left edge.
  function scrollTarget(tasks, today) {
    var first = tasks[0].start, last = tasks[0].end;
    tasks.forEach(function (t) {
      if (t.start < first) first = t.start;
      if (t.end > last) last = t.end;
    });
    if (!today || today < first || today > last) return "start";
    var d = new Date(today + "T00:00:00");
    d.setDate(1);
    d.setMonth(d.getMonth() - 1);
    var iso = isoDay(d);
    return iso <= first ? "start" : iso;
  }

  function isoDay(date) {
    var m = date.getMonth() + 1, d = date.getDate();
    return date.getFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (d < 10 ? "0" : "") + d;
  }

  // A line at the page's "today" (the demo's pinned date too): frappe-gantt's own marks the computer's date.
  function drawToday(chart, box) {
    var today = box.getAttribute("data-today");
    var old = box.querySelector(".tx-today");
    if (old) old.remove();
    if (!today || !chart.dates || !chart.$container) return;
    var day = new Date(today + "T00:00:00");
    var dates = chart.dates, width = chart.config.column_width;
    for (var i = 0; i < dates.length; i++) {
      var next = dates[i + 1] || chart.gantt_end;
      if (day >= dates[i] && day < next) {
        var line = document.createElement("div");
        line.className = "tx-today";
        line.setAttribute("title", box.getAttribute("data-today-label") + " " + today);
        line.style.left = Math.round((i + (day - dates[i]) / (next - dates[i])) * width) + "px";
        line.style.top = chart.config.header_height + "px";
        line.style.height = Math.max(0, chart.grid_height - chart.config.header_height) + "px";
        line.appendChild(text("span", "tx-today-label", box.getAttribute("data-today-label")));
        chart.$container.appendChild(line);
        return;
      }
    }
  }

  function build(box, tasks) {
    var lang = box.getAttribute("data-language") || "zh";
    if (!tasks.length) {
      box.appendChild(text("p", "gantt-empty muted", box.getAttribute("data-empty")));
      return;
    }
    tasks.forEach(function (t) {
      t.title = t.name;
      t.name = escapeHtml(t.name);
      // A finished bar is covered by its progress bar: darken it rather than frappe's light grey under white text.
      // (frappe-gantt takes one class name, so "gantt-session" becomes "gantt-session-done".)
      if (t.progress >= 100) t.custom_class = (t.custom_class || "gantt") + "-done";
    });
    var chart = new window.Gantt(box, tasks, {
      language: lang,
      view_modes: viewModes(lang),
      readonly: true,
      popup_on: "click",
      popup: popup(box, lang),
      today_button: false,
      view_mode_select: false,
      infinite_padding: false,
      scroll_to: scrollTarget(tasks, box.getAttribute("data-today")),
      holidays: null, // weekend shading is drawn with style="" attributes, which the CSP blocks
      bar_height: 22,
      padding: 12,
      upper_header_height: 30,
      lower_header_height: 26,
    });
    drawToday(chart, box);
    document.querySelectorAll("[data-gantt-mode]").forEach(function (button) {
      button.addEventListener("click", function () {
        chart.change_view_mode(button.getAttribute("data-gantt-mode"));
        drawToday(chart, box);
        document.querySelectorAll("[data-gantt-mode]").forEach(function (b) {
          b.setAttribute("aria-pressed", b === button ? "true" : "false");
        });
      });
    });
  }

  function init() {
    var box = document.getElementById("gantt");
    if (!box || !window.Gantt) return;
    fetch(box.getAttribute("data-feed"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (tasks) { build(box, tasks); })
      .catch(function () {
        var note = document.getElementById("gantt-error");
        if (note) note.hidden = false;
      });
  }

  document.addEventListener("DOMContentLoaded", init);
})();
