/* Territory picker: turns a plain text field (which accepts a territory code such as dep:86,
 * or a name the server interprets) into an accessible combobox (WAI-ARIA 1.2 pattern) fed
 * by /territoires/autocomplete?q= — a JSON list of {code, level, name}.
 *
 * The original input keeps its name and becomes hidden; it carries the chosen code, or the
 * typed text when nothing was chosen (the server then takes the best match and says so).
 * Configuration through data-* attributes: data-autocomplete-url, data-territory-label,
 * data-autosubmit, data-label-no-result, data-label-results.
 */
(function () {
  "use strict";

  var LEVELS = {
    com: { fr: "Commune", en: "Municipality" },
    epci: { fr: "Intercommunalité", en: "Inter-municipality" },
    dep: { fr: "Département", en: "Département" },
    reg: { fr: "Région", en: "Region" },
    fr: { fr: "France", en: "France" },
  };

  function levelLabel(level) {
    var lang = document.documentElement.lang === "en" ? "en" : "fr";
    return LEVELS[level] ? LEVELS[level][lang] : level;
  }

  function enhance(original) {
    if (original.dataset.pickerReady) return;
    original.dataset.pickerReady = "1";
    var url = original.dataset.autocompleteUrl;
    var listId = original.id + "-listbox";
    var visible = document.createElement("input");
    visible.type = "text";
    visible.id = original.id + "-search";
    visible.className = original.className;
    visible.autocomplete = "off";
    visible.spellcheck = false;
    visible.maxLength = 120;
    visible.setAttribute("role", "combobox");
    visible.setAttribute("aria-autocomplete", "list");
    visible.setAttribute("aria-expanded", "false");
    visible.setAttribute("aria-controls", listId);
    ["aria-describedby", "aria-invalid", "placeholder"].forEach(function (name) {
      if (original.hasAttribute(name)) visible.setAttribute(name, original.getAttribute(name));
    });
    visible.value = original.dataset.territoryLabel || original.value;

    var label = document.querySelector('label[for="' + original.id + '"]');
    if (label) label.htmlFor = visible.id;

    var list = document.createElement("ul");
    list.id = listId;
    list.className = "territory-listbox";
    list.setAttribute("role", "listbox");
    if (label) list.setAttribute("aria-label", label.textContent.trim());
    list.hidden = true;

    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");

    var wrapper = document.createElement("div");
    wrapper.className = "territory-picker";
    original.parentNode.insertBefore(wrapper, original);
    wrapper.appendChild(visible);
    wrapper.appendChild(list);
    wrapper.appendChild(status);
    wrapper.appendChild(original);
    original.type = "hidden";
    original.removeAttribute("aria-describedby");

    var options = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var chosenLabel = visible.value;

    function close() {
      list.hidden = true;
      visible.setAttribute("aria-expanded", "false");
      visible.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = list.querySelectorAll('[role="option"]');
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && items[index]) {
        visible.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        visible.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var option = options[index];
      if (!option) return;
      original.value = option.code;
      visible.value = option.label || option.name;
      chosenLabel = visible.value;
      close();
      if (original.hasAttribute("data-autosubmit") && original.form) {
        if (typeof original.form.requestSubmit === "function") original.form.requestSubmit();
        else original.form.submit();
      }
    }

    function render(results) {
      options = results;
      list.textContent = "";
      if (!results.length) {
        var empty = document.createElement("li");
        empty.className = "territory-empty";
        empty.textContent = original.dataset.labelNoResult || "—";
        list.appendChild(empty);
        status.textContent = empty.textContent;
      } else {
        results.forEach(function (result, index) {
          var item = document.createElement("li");
          item.id = listId + "-" + index;
          item.setAttribute("role", "option");
          item.setAttribute("aria-selected", "false");
          var name = document.createElement("span");
          name.className = "territory-name";
          name.textContent = result.label || result.name;
          var level = document.createElement("span");
          level.className = "territory-level";
          level.textContent = result.level_label || levelLabel(result.level);
          item.appendChild(name);
          item.appendChild(level);
          item.addEventListener("mousedown", function (event) {
            event.preventDefault(); // keep the focus in the input
            choose(index);
          });
          list.appendChild(item);
        });
        status.textContent = results.length + " " + (original.dataset.labelResults || "");
      }
      list.hidden = false;
      visible.setAttribute("aria-expanded", "true");
      active = -1;
    }

    function search(text) {
      if (controller) controller.abort();
      controller = typeof AbortController === "function" ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(text), {
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) {
          var results = Array.isArray(data) ? data : data.results || [];
          render(results.slice(0, 10));
        })
        .catch(function (error) {
          if (error && error.name === "AbortError") return;
          close(); // the plain field still works: the server interprets the text
        });
    }

    visible.addEventListener("input", function () {
      var text = visible.value.trim();
      // Until a territory is chosen, the text itself is sent (the server interprets it).
      original.value = text;
      chosenLabel = "";
      clearTimeout(timer);
      if (text.length < 2) {
        close();
        return;
      }
      timer = setTimeout(function () { search(text); }, 180);
    });

    visible.addEventListener("keydown", function (event) {
      var open = !list.hidden && options.length > 0;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open && visible.value.trim().length >= 2) search(visible.value.trim());
        else if (open) highlight(Math.min(active + 1, options.length - 1));
      } else if (event.key === "ArrowUp") {
        if (open) {
          event.preventDefault();
          highlight(Math.max(active - 1, 0));
        }
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          close();
        } else if (visible.value) {
          visible.value = "";
          original.value = "";
        }
      }
    });

    visible.addEventListener("blur", function () {
      setTimeout(close, 120);
      if (!visible.value.trim()) original.value = "";
      else if (chosenLabel && visible.value !== chosenLabel) original.value = visible.value.trim();
    });
  }

  function enhanceAll(root) {
    var scope = root || document;
    if (scope.matches && scope.matches("input[data-territory-picker]")) enhance(scope);
    if (scope.querySelectorAll) scope.querySelectorAll("input[data-territory-picker]").forEach(enhance);
  }

  document.addEventListener("htmx:load", function (event) {
    enhanceAll(event.detail && event.detail.elt ? event.detail.elt : document);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  } else {
    enhanceAll(document);
  }
})();
