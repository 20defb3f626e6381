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
        padding: "1m",
        step: "1m",
        column_width: 80,
        date_format: "YYYY-MM",
        lower_text: function (d) { return month.format(d); },
        upper_text: function (d, ld) { return !ld || d.getFullYear() !== ld.getFullYear() ? year.format(d) : ""; },
        thick_line: function (d) { return d.getMonth() % 3 === 0; },
        snap_at: "7d",
      },
      {
        name: "Week",
        padding: "1m",
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

  // The popup is built from DOM nodes, never from HTML strings, so titles cannot inject markup.
  function popup(box, lang) {
    var fmt = new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", day: "numeric" });
    return function (ctx) {
      var task = ctx.task;
      ctx.get_title().textContent = task.name.replace(/^· /, "");
      ctx.get_subtitle().textContent = task.custom_class === "gantt-session" ? task.activity : "";
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

  // Open on today when the programme is under way (a month back, for context), otherwise at its start.
  function scrollTarget(tasks, today) {
    var first = tasks[0].start, last = tasks[0].end;
    tasks.forEach(function (t) {
      if (t.start < first) first = t.start;
      if (t.end > last) last = t.end;
    });
    if (!today || today < first || today > last) return "start";
    var d = new Date(today);
    d.setMonth(d.getMonth() - 1);
    return d.toISOString().slice(0, 10) < first ? "start" : d.toISOString().slice(0, 10);
  }

  function build(box, tasks) {
    var lang = box.getAttribute("data-language") || "zh";
    if (!tasks.length) {
      box.appendChild(text("p", "gantt-empty muted", box.getAttribute("data-empty")));
      return;
    }
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
    document.querySelectorAll("[data-gantt-mode]").forEach(function (button) {
      button.addEventListener("click", function () {
        chart.change_view_mode(button.getAttribute("data-gantt-mode"));
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
