// « Imprimer ou enregistrer en PDF » on the evaluation report: the buttons stay hidden
// without JavaScript (the browser's own print command works the same).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
});
