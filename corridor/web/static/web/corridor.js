// Behaviour every page shares, bound from data attributes (no inline handlers: the CSP forbids them).
(function () {
  "use strict";

  // Letters without their marks, lower case: a name typed without its accents still matches.
  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  var comboboxes = 0;

  // A <select> of more than ten choices becomes a type-ahead combobox (the ARIA 1.2 combobox pattern:
  // a text box that filters a list box, arrow keys to move, Enter to choose, Escape to close). The select
  // stays in the form and carries the choice, so the page works unchanged without JavaScript.
  function combobox(select) {
    var id = "combobox-" + (++comboboxes);
    var multiple = select.multiple;
    var label = document.querySelector('label[for="' + select.id + '"]');
    var box = document.createElement("div");
    box.className = "combobox";
    var chosen = document.createElement("ul");
    chosen.className = "combobox-chosen";
    chosen.setAttribute("aria-label", "Chosen");
    var input = document.createElement("input");
    input.type = "text";
    input.id = select.id + "-search";
    input.autocomplete = "off";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    if (select.getAttribute("aria-describedby")) {
      input.setAttribute("aria-describedby", select.getAttribute("aria-describedby"));
    }
    if (select.getAttribute("aria-invalid")) { input.setAttribute("aria-invalid", "true"); }
    input.placeholder = multiple ? "Type to add…" : "Type to search…";
    var list = document.createElement("ul");
    list.id = id;
    list.className = "combobox-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    if (label) {
      label.setAttribute("for", input.id);
      list.setAttribute("aria-label", label.textContent.replace("*", "").trim());
    }
    var status = document.createElement("span");
    status.className = "skip";
    status.setAttribute("role", "status");

    var options = Array.prototype.map.call(select.options, function (option, index) {
      var group = option.parentNode.tagName === "OPTGROUP" ? option.parentNode.label : "";
      return {
        option: option, index: index, group: group, text: option.textContent.trim(),
        key: fold(option.textContent + " " + (option.dataset.names || "") + " " + option.value),
      };
    }).filter(function (item) { return item.option.value !== ""; });
    var shown = [];
    var active = -1;

    function showChosen() {
      chosen.innerHTML = "";
      if (!multiple) {
        var selected = select.selectedIndex >= 0 ? select.options[select.selectedIndex] : null;
        input.value = selected && selected.value ? selected.textContent.trim() : "";
        return;
      }
      options.forEach(function (item) {
        if (!item.option.selected) { return; }
        var li = document.createElement("li");
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "chip";
        remove.textContent = item.text + " ×";
        remove.setAttribute("aria-label", "Remove " + item.text);
        remove.addEventListener("click", function () {
          item.option.selected = false;
          select.dispatchEvent(new Event("change", { bubbles: true }));
          input.focus();
        });
        li.appendChild(remove);
        chosen.appendChild(li);
      });
    }

    function render() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      if (!multiple && select.selectedIndex >= 0 && input.value === select.options[select.selectedIndex].textContent.trim()) {
        words = [];
      }
      shown = options.filter(function (item) {
        return (!multiple || !item.option.selected) && words.every(function (word) { return item.key.indexOf(word) >= 0; });
      });
      list.innerHTML = "";
      var group = null;
      shown.slice(0, 60).forEach(function (item, position) {
        if (item.group && item.group !== group) {
          group = item.group;
          var heading = document.createElement("li");
          heading.setAttribute("role", "presentation");
          heading.className = "combobox-group";
          heading.textContent = group;
          list.appendChild(heading);
        }
        var li = document.createElement("li");
        li.id = id + "-" + item.index;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", position === active ? "true" : "false");
        li.textContent = item.text;
        li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(item); });
        list.appendChild(li);
      });
      status.textContent = shown.length === 0 ? "No match" : shown.length + (shown.length === 1 ? " choice" : " choices");
    }

    function open() {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      render();
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function move(step) {
      if (list.hidden) { open(); }
      var count = Math.min(shown.length, 60);
      if (!count) { return; }
      active = (active + step + count) % count;
      render();
      var item = shown[active];
      input.setAttribute("aria-activedescendant", id + "-" + item.index);
      var li = document.getElementById(id + "-" + item.index);
      if (li && li.scrollIntoView) { li.scrollIntoView({ block: "nearest" }); }
    }

    function choose(item) {
      item.option.selected = true;
      if (multiple) { input.value = ""; }
      select.dispatchEvent(new Event("change", { bubbles: true }));
      close();
    }

    input.addEventListener("input", function () { active = -1; open(); });
    input.addEventListener("focus", function () { if (!multiple) { input.select(); } });
    input.addEventListener("click", open);
    input.addEventListener("blur", function () { close(); if (!multiple) { showChosen(); } });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Enter" && !list.hidden) {
        event.preventDefault();
        var item = active >= 0 ? shown[active] : (shown.length === 1 ? shown[0] : null);
        if (item) { choose(item); }
      } else if (event.key === "Escape") { close(); if (!multiple) { showChosen(); } }
      else if (event.key === "Backspace" && multiple && !input.value) {
        var last = options.filter(function (item) { return item.option.selected; }).pop();
        if (last) { last.option.selected = false; showChosen(); }
      }
    });

    // Kept in the page (out of sight, out of the tab order) so that the form submits it as it is.
    select.classList.add("combobox-native");
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    select.addEventListener("change", showChosen);
    select.parentNode.insertBefore(box, select);
    if (multiple) { box.appendChild(chosen); }
    box.appendChild(input);
    box.appendChild(list);
    box.appendChild(status);
    box.appendChild(select);
    var help = select.parentNode.parentNode.querySelector(".help");
    if (help && /Ctrl/.test(help.textContent)) { help.textContent = "Type to find; choose as many as apply."; }
    showChosen();
  }

  function bind() {
    // <select data-autosubmit>: choosing an option submits its form (the place-name convention).
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
    document.querySelectorAll("select[data-combobox]").forEach(function (select) {
      if (select.options.length > 10) { combobox(select); }
    });
    // A form that did not save: its error summary takes the focus, so it is seen and read out first.
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", bind);
  } else {
    bind();
  }
})();
