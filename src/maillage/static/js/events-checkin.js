// Check-in page: filter the list as the host types (names and organisations).
(function () {
  "use strict";
  var input = document.querySelector("[data-checkin-filter]");
  var list = document.querySelector("[data-checkin-list]");
  if (!input || !list) { return; }
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  input.addEventListener("input", function () {
    var wanted = fold(input.value.trim());
    list.querySelectorAll("[data-search]").forEach(function (row) {
      row.hidden = wanted !== "" && fold(row.getAttribute("data-search")).indexOf(wanted) === -1;
    });
  });
})();
