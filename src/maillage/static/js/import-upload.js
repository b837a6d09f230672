// Import upload form: warn before sending a file over the size limit (the server checks
// again). Progressive enhancement: without this script the server's message appears.
(function () {
  "use strict";
  document.querySelectorAll("form[data-import-upload]").forEach(function (form) {
    var input = form.querySelector("input[type=file][data-max-bytes]");
    var warning = form.querySelector("[data-size-warning]");
    if (!input || !warning) return;
    var limit = parseInt(input.getAttribute("data-max-bytes"), 10);
    function tooBig() {
      var file = input.files && input.files[0];
      return Boolean(file && limit && file.size > limit);
    }
    input.addEventListener("change", function () {
      if (tooBig()) {
        warning.textContent = input.getAttribute("data-too-big-message");
        warning.hidden = false;
        input.setAttribute("aria-invalid", "true");
      } else {
        warning.hidden = true;
        warning.textContent = "";
        input.removeAttribute("aria-invalid");
      }
    });
    form.addEventListener("submit", function (event) {
      if (tooBig()) {
        event.preventDefault();
        input.focus();
      }
    });
  });
})();
