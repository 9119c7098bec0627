// The story form, sized for writing Japanese: text areas grow with their text, the fields with a
// budget (data-nd-budget: title, lead, key points) count their characters live, the paper's fields
// show only for a paper's source, and the autocompletes carry their field's name for screen readers.
// Without JavaScript the form works as drawn: budgets are in the help texts, the paper's fields folded.
(function () {
  "use strict";

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  // Text areas that grow -------------------------------------------------------------------------

  function grow(area) {
    area.style.height = "auto";
    area.style.height = area.scrollHeight + 2 + "px";
  }

  function setUpGrowing(root) {
    each(root.querySelectorAll("textarea.nd-grow"), function (area) {
      if (area.dataset.ndGrows || area.closest(".empty-form")) { return; }
      area.dataset.ndGrows = "1";
      grow(area);
      area.addEventListener("input", function () { grow(area); });
    });
  }

  // Live counts ----------------------------------------------------------------------------------

  function length(text) {
    // Characters as readers see them: line breaks aside, a character outside the BMP is one.
    return Array.from(text.replace(/\r?\n/g, "")).length;
  }

  function showCount(field, counter) {
    var budget = Number(field.dataset.ndBudget);
    var n = length(field.value);
    var over = n > budget;
    counter.textContent = over
      ? n + "／" + budget + "字（" + (n - budget) + "字超過）"
      : n + "／" + budget + "字";
    counter.classList.toggle("nd-count--over", over);
  }

  function setUpCounts(root) {
    each(root.querySelectorAll("[data-nd-budget]"), function (field) {
      if (field.dataset.ndCounted || field.closest(".empty-form") || !field.id) { return; }
      field.dataset.ndCounted = "1";
      var counter = document.createElement("span");
      counter.className = "nd-count";
      counter.id = field.id + "_count";
      field.insertAdjacentElement("afterend", counter);
      var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && document.getElementById(id);
      });
      described.push(counter.id);
      field.setAttribute("aria-describedby", described.join(" "));
      showCount(field, counter);
      field.addEventListener("input", function () { showCount(field, counter); });
    });
  }

  // The paper's fields ---------------------------------------------------------------------------

  function setUpPaperFields() {
    var fieldset = document.querySelector("fieldset.nd-paper");
    var source = document.getElementById("id_source");
    var known = document.getElementById("nd-paper-sources");
    if (!fieldset || !source || !known) { return; }
    var papers = JSON.parse(known.textContent).map(String);
    function update() {
      var paper = papers.indexOf(source.value) >= 0;
      var errors = Boolean(fieldset.querySelector(".errorlist"));
      fieldset.hidden = !paper && !errors;
      var details = fieldset.querySelector("details");
      if (details && (paper || errors)) { details.open = true; }
    }
    update();
    source.addEventListener("change", update);
    // The autocomplete tells of a choice through jQuery only.
    if (window.django && window.django.jQuery) { window.django.jQuery(source).on("change", update); }
  }

  // Names for the autocompletes ------------------------------------------------------------------

  function nameOf(select) {
    if (select.getAttribute("aria-label")) { return select.getAttribute("aria-label"); }
    var label = select.id && document.querySelector('label[for="' + CSS.escape(select.id) + '"]');
    return label ? label.textContent.replace(/[:：]\s*$/, "").trim() : "";
  }

  function nameAutocompletes(root) {
    // The admin's autocompletes, and the figures' 「ライブラリから選ぶ」 (library_picker.js).
    each(root.querySelectorAll("select.admin-autocomplete, select.nd-library-picker"), function (select) {
      var box = select.nextElementSibling;
      if (!box || !box.classList.contains("select2")) { return; }
      var name = nameOf(select);
      var combo = box.querySelector(".select2-selection");
      if (!name || !combo) { return; }
      combo.removeAttribute("aria-labelledby");
      combo.setAttribute("aria-label", name);
      // The chosen value's text is read as part of the box, not as a text field of its own.
      each(box.querySelectorAll(".select2-selection__rendered[role=textbox]"), function (shown) {
        shown.removeAttribute("role");
        shown.removeAttribute("aria-readonly");
      });
      each(box.querySelectorAll(".select2-search__field"), function (search) {
        search.setAttribute("aria-label", name);
      });
    });
  }

  function unlistClearButtons(root) {
    // A multiple choice's "×" (mouse only: the keyboard removes with Backspace) sits inside its list.
    each(root.querySelectorAll(".select2-selection__rendered > .select2-selection__clear"), function (clear) {
      clear.setAttribute("aria-hidden", "true");
      clear.setAttribute("role", "presentation");
    });
  }

  function setUp(root) {
    setUpGrowing(root);
    setUpCounts(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUp(document);
    setUpPaperFields();
  });
  // The admin's own script sets the autocompletes up (and draws a choice again) when it likes:
  // name them, and keep their lists clean, whenever it has drawn one.
  var pending = false;
  function tidyAutocompletes() {
    if (pending) { return; }
    pending = true;
    window.setTimeout(function () {
      pending = false;
      nameAutocompletes(document);
      unlistClearButtons(document);
    }, 0);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("#content form");
    if (!form || !window.MutationObserver) { return; }
    new MutationObserver(function (changes) {
      var drawn = changes.some(function (change) {
        return change.target.closest && change.target.closest(".select2");
      }) || changes.some(function (change) {
        return Array.prototype.some.call(change.addedNodes, function (node) {
          return node.classList && node.classList.contains("select2");
        });
      });
      if (drawn) { tidyAutocompletes(); }
    }).observe(form, { childList: true, subtree: true });
    tidyAutocompletes();
  });
  window.addEventListener("load", tidyAutocompletes);
  document.addEventListener("formset:added", function (event) { setUp(event.target); });
})();
