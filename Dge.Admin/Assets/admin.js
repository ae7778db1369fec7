// Shared behaviour of the admin pages. Progressive enhancement: every page works without it.
(function () {
  "use strict";

  // Pickers: search as you type (/admin/pick/{kind}?q=), choose with the mouse or the arrow keys and Enter.
  // The chosen entity's id goes into the hidden field beside the text; editing the text forgets it again.
  function enhancePicker(root) {
    var input = root.querySelector("input[role=combobox]");
    var list = root.querySelector("[role=listbox]");
    var hidden = root.querySelector("input[data-picker-id]");
    if (!input || !list || !hidden) {
      return;
    }
    var timer = null;
    var active = -1;
    var options = [];
    var request = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = list.querySelectorAll("[role=option]");
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      }
    }

    function choose(index) {
      var option = options[index];
      if (!option) {
        return;
      }
      input.value = option.label;
      hidden.value = option.id;
      close();
    }

    function render(found, more) {
      options = found;
      list.textContent = "";
      found.forEach(function (option, i) {
        var item = document.createElement("li");
        item.id = input.id + "-option-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.dataset.id = option.id;
        item.textContent = option.label;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
        list.appendChild(item);
      });
      if (found.length === 0 || more) {
        var note = document.createElement("li");
        note.setAttribute("role", "option");
        note.setAttribute("aria-disabled", "true");
        note.className = "muted";
        note.textContent = found.length === 0 ? "Ingen forslag" : "Flere matcher – skriv mere";
        list.appendChild(note);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
    }

    function search() {
      var text = input.value.trim();
      if (text.length < 2) {
        close();
        return;
      }
      var mine = ++request;
      fetch("/admin/pick/" + encodeURIComponent(root.dataset.picker) + "?q=" + encodeURIComponent(text), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { options: [], more: false }; })
        .then(function (body) { if (mine === request) { render(body.options || [], body.more); } })
        .catch(close);
    }

    input.addEventListener("input", function () {
      hidden.value = "";
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) {
        return;
      }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight(Math.min(active + 1, options.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  // A list of checkboxes with a filter field above it (themes, materials): typing hides the boxes that do not match.
  function enhanceFilterList(root) {
    var filter = root.querySelector("input[data-filter]");
    if (!filter) {
      return;
    }
    filter.hidden = false;
    filter.addEventListener("input", function () {
      var text = filter.value.trim().toLowerCase();
      root.querySelectorAll("label[data-filter-text]").forEach(function (label) {
        var checked = label.querySelector("input:checked");
        label.hidden = text.length > 0 && !checked && label.dataset.filterText.toLowerCase().indexOf(text) < 0;
      });
    });
  }

  // A form that takes a while (an import) says so while it runs.
  function enhanceBusyForm(form) {
    form.addEventListener("submit", function () {
      var busy = document.getElementById(form.dataset.busy);
      if (busy) {
        busy.hidden = false;
      }
      // Disabled after the form's data is taken, so the pressed button's own value is still sent.
      setTimeout(function () {
        form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
      }, 0);
    });
  }

  document.querySelectorAll("[data-picker]").forEach(enhancePicker);
  document.querySelectorAll("[data-filter-list]").forEach(enhanceFilterList);
  document.querySelectorAll("form[data-busy]").forEach(enhanceBusyForm);
})();
