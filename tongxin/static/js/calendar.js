/* The calendar page: FullCalendar (month, year, list) fed by the calendar feed named in #calendar[data-feed]. */
(function () {
  "use strict";

  // FullCalendar 6 puts its stylesheet into a <style> element when it loads. Our CSP (style-src 'self') blocks
  // that element, and FullCalendar then fails on its missing `sheet`. So its CSS is served as a file
  // (vendor/fullcalendar/fullcalendar.css) and this stand-in takes and drops the injected rules. It is not an
  // HTML <style> (another namespace), so the browser never tries to apply it. This file therefore loads before
  // index.global.min.js; the calendar itself is built on DOMContentLoaded, once FullCalendar is there.
  var stub = document.createElementNS("urn:x-tongxin", "style");
  stub.setAttribute("data-fullcalendar", "");
  Object.defineProperty(stub, "sheet", { value: { cssRules: [], insertRule: function () { return 0; } } });
  document.head.appendChild(stub);

  function isoDay(date) {
    var m = date.getMonth() + 1, d = date.getDate();
    return date.getFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (d < 10 ? "0" : "") + d;
  }

  // "8月1日—8月31日" as two pieces, so that a phone can put the end under the start.
  function showRange(cell, event, locale) {
    var fmt = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric" });
    var last = new Date(event.end ? event.end.getTime() - 86400000 : event.start.getTime());
    cell.textContent = fmt.format(event.start);
    if (isoDay(last) !== isoDay(event.start)) {
      var end = document.createElement("span");
      end.className = "range-end";
      end.textContent = "—" + fmt.format(last);
      cell.appendChild(end);
    }
  }

  // A list view repeats a long event on every day it spans; a year-long window would fill the list.
  // Show each event once, on its first day in view, with its date range instead of "all day".
  function tidyListRow(info, locale) {
    var row = info.el, header = row.previousElementSibling;
    while (header && !header.classList.contains("fc-list-day")) header = header.previousElementSibling;
    var firstDayInView = isoDay(info.view.activeStart);
    if (!info.isStart && header && header.getAttribute("data-date") !== firstDayInView) {
      row.classList.add("tx-repeat");
    }
    var time = row.querySelector(".fc-list-event-time");
    if (time) showRange(time, info.event, locale);
  }

  function hideEmptyDays(root) {
    root.querySelectorAll(".fc-list-day").forEach(function (header) {
      var row = header.nextElementSibling, shown = false;
      while (row && !row.classList.contains("fc-list-day")) {
        if (!row.classList.contains("tx-repeat")) shown = true;
        row = row.nextElementSibling;
      }
      header.classList.toggle("tx-repeat", !shown);
    });
  }

  function init() {
    var el = document.getElementById("calendar");
    if (!el || !window.FullCalendar) return;
    var locale = el.getAttribute("data-locale") || "zh-cn";
    var narrow = window.matchMedia("(max-width: 640px)").matches;
    var views = "dayGridMonth,multiMonthYear,listMonth";
    var pending = null;
    var calendar = new window.FullCalendar.Calendar(el, {
      locale: locale,
      firstDay: 1,
      now: el.getAttribute("data-today") || undefined,
      initialDate: el.getAttribute("data-initial-date") || undefined,
      initialView: narrow ? "listMonth" : "dayGridMonth",
      headerToolbar: narrow
        ? { left: "prev,next", center: "title", right: "today" }
        : { left: "prev,next today", center: "title", right: views },
      footerToolbar: narrow ? { center: views } : false,
      height: "auto",
      // Short events (a session, a meeting) first: year-long windows would otherwise take every visible row.
      eventOrder: "duration,start,title",
      views: {
        dayGridMonth: { dayMaxEvents: 4 },
        // The year at a glance: events as thin coloured stripes (title on hover, click to open), as many as a
        // day has room for; a day's number opens its month, where everything is listed.
        multiMonthYear: { multiMonthMinWidth: 300, navLinks: true },
      },
      navLinkDayClick: function (date) {
        calendar.changeView(narrow ? "listMonth" : "dayGridMonth", date);
      },
      events: {
        url: el.getAttribute("data-feed"),
        failure: function () {
          var note = document.getElementById("calendar-error");
          if (note) note.hidden = false;
        },
      },
      eventDidMount: function (info) {
        info.el.setAttribute("title", info.event.title);
        if (info.view.type.indexOf("list") === 0) {
          tidyListRow(info, locale);
          clearTimeout(pending);
          pending = setTimeout(function () { hideEmptyDays(el); }, 0);
        }
      },
    });
    calendar.render();
  }

  document.addEventListener("DOMContentLoaded", init);
})();
