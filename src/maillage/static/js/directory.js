/* Directory and map filters: progressive enhancement of a plain GET form.
 *
 * Without JavaScript the form submits and the page reloads. With it (and htmx), ticking a
 * filter or changing the sort submits at once and htmx swaps the region (hx-get on the
 * form); this file only adds what htmx does not do: auto-submit, focus after a swap, a
 * screen-reader announcement of the result count, folding the filters on small screens.
 */
(function () {
  "use strict";

  var lastFocusedId = null;
  var focusResults = false;

  function submitForm(element) {
    var form = element.form || document.getElementById("directory-form");
    if (!form) return;
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  function enhance(root) {
    var scope = root || document;
    // Hide the "apply" buttons only once JavaScript can submit by itself.
    scope.querySelectorAll(".js-hidden").forEach(function (element) {
      element.hidden = true;
    });
    var small = window.matchMedia && window.matchMedia("(max-width: 52rem)").matches;
    scope.querySelectorAll("details[data-collapse-on-small]").forEach(function (details) {
      if (details.dataset.enhanced) return;
      details.dataset.enhanced = "1";
      if (small && !sessionStorage.getItem("maillage.filters.open")) details.open = false;
      details.addEventListener("toggle", function () {
        if (details.open) sessionStorage.setItem("maillage.filters.open", "1");
        else sessionStorage.removeItem("maillage.filters.open");
      });
    });
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!(target instanceof HTMLElement) || !target.hasAttribute("data-autosubmit")) return;
    // The territory picker submits itself once a territory is chosen.
    if (target.hasAttribute("data-territory-picker")) return;
    submitForm(target);
  });

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("[data-focus-results]") : null;
    if (link) focusResults = true;
  });

  document.body.addEventListener("htmx:beforeRequest", function () {
    var active = document.activeElement;
    lastFocusedId = active && active.id ? active.id : null;
  });

  document.body.addEventListener("htmx:afterSettle", function (event) {
    var region = event.detail && event.detail.elt;
    enhance(document);
    if (focusResults) {
      focusResults = false;
      var heading = document.getElementById("results-heading");
      if (heading) {
        heading.focus();
        heading.scrollIntoView({ block: "start" });
      }
    } else if (lastFocusedId && (!document.activeElement || document.activeElement === document.body)) {
      var again = document.getElementById(lastFocusedId);
      if (again) again.focus();
    }
    // Announce the new result count to screen readers.
    var summary = document.querySelector("[data-live-summary]");
    var live = document.getElementById("directory-live");
    if (summary && live) live.textContent = summary.textContent.replace(/\s+/g, " ").trim();
    if (region && region.dispatchEvent) {
      document.dispatchEvent(new CustomEvent("maillage:selection-changed"));
    }
  });

  document.body.addEventListener("htmx:responseError", function () {
    var live = document.getElementById("directory-live");
    if (live && live.dataset.labelError) live.textContent = live.dataset.labelError;
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  } else {
    enhance(document);
  }
})();
