/* Small progressive enhancements shared by every page; pages work without it. */
(function () {
  "use strict";
  // The main navigation is a menu on a phone: open in the HTML (so wide screens, and phones without JS, show every
  // tab), closed here when the screen is narrow, and opened again if the window grows wide.
  var navmenu = document.querySelector("details[data-navmenu]");
  var narrow = window.matchMedia("(max-width: 720px)");
  if (navmenu) {
    navmenu.open = !narrow.matches;
    var follow = function () { navmenu.open = !narrow.matches; };
    if (narrow.addEventListener) narrow.addEventListener("change", follow);
  }
  // Confirm dangerous actions: <button data-confirm="…">.
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  // Auto-submit filter forms when a select changes: <form data-autosubmit> (htmx forms submit on change themselves).
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosubmit]");
    if (form && event.target.tagName === "SELECT" && !form.hasAttribute("hx-get")) {
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }
  });
  // Scroll the source view to a highlighted span: <a data-jump="mark-id">.
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-jump]");
    if (!el) return;
    var target = document.getElementById(el.getAttribute("data-jump"));
    if (target) {
      event.preventDefault();
      target.scrollIntoView({ behavior: "smooth", block: "center" });
      target.classList.add("flash");
      setTimeout(function () { target.classList.remove("flash"); }, 1600);
    }
  });
  // A form that files something (a report, a request) is sent once: the first submit disables its buttons and a
  // second submit (a double click, Enter pressed twice) is ignored. The server's one-time token is the real guard.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-submit-once]")) return;
    if (form.dataset.sending) {
      event.preventDefault();
      return;
    }
    form.dataset.sending = "1";
    // After this event, so the browser still sends the form (a disabled button would not submit it).
    setTimeout(function () {
      Array.prototype.forEach.call(form.querySelectorAll("button"), function (button) {
        button.disabled = true;
      });
    }, 0);
  });
  // Back to a page from the browser's cache: its forms may be sent again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    Array.prototype.forEach.call(document.querySelectorAll("form[data-submit-once]"), function (form) {
      delete form.dataset.sending;
      Array.prototype.forEach.call(form.querySelectorAll("button"), function (button) { button.disabled = false; });
    });
  });
  // A long select gets a type-to-find box: <select data-searchable="placeholder">. The browser's own <datalist>
  // suggests matching names; picking one selects that option. Without JS the plain select still works.
  var searchCount = 0;
  function makeSearchable(select) {
    if (select.dataset.searchReady) return;
    select.dataset.searchReady = "1";
    var list = document.createElement("datalist");
    list.id = "search-list-" + (++searchCount);
    var byText = {};
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) return;
      var item = document.createElement("option");
      item.value = option.textContent;
      list.appendChild(item);
      byText[option.textContent] = option.value;
    });
    var input = document.createElement("input");
    input.type = "search";
    input.className = "select-search";
    input.setAttribute("list", list.id);
    input.setAttribute("placeholder", select.getAttribute("data-searchable"));
    input.setAttribute("aria-label", select.getAttribute("data-searchable"));
    input.addEventListener("change", function (event) {
      event.stopPropagation(); // the box is not a filter itself; only the select it sets is
      var value = byText[input.value];
      if (value !== undefined && select.value !== value) {
        select.value = value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    select.parentNode.insertBefore(input, select);
    select.parentNode.insertBefore(list, select);
  }
  function enhance(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("select[data-searchable]"), makeSearchable);
  }
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  // htmx swaps in new content (the overview's filters after a plan change): enhance it too.
  document.addEventListener("htmx:load", function (event) { enhance(event.target); });
})();
