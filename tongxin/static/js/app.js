/* Small progressive enhancements shared by every page; pages work without it. */
(function () {
  "use strict";
  // Confirm dangerous actions: <button data-confirm="…">.
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  // Auto-submit filter forms when a select changes: <form data-autosubmit>.
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosubmit]");
    if (form && event.target.tagName === "SELECT") {
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
})();
