// Reordering for ordered inlines (key points, figures, related picks, digest entries):
// up/down buttons and drag and drop rewrite the position numbers, so nobody retypes a row.
(function () {
  "use strict";

  function rows(group) {
    return Array.prototype.filter.call(
      group.querySelectorAll("tr.form-row, div.inline-related"),
      function (row) {
        return !row.classList.contains("empty-form") && row.querySelector("input.nd-position");
      }
    );
  }

  function renumber(group) {
    var n = 1;
    rows(group).forEach(function (row) {
      var deleted = row.querySelector('input[type=checkbox][name$="-DELETE"]');
      var input = row.querySelector("input.nd-position");
      var hasContent = Array.prototype.some.call(
        row.querySelectorAll("input[type=text], input[type=url], textarea, select, input[type=file]"),
        function (el) { return el.value && el.value.trim() !== ""; }
      ) || row.querySelector("img.nd-thumb");
      if (deleted && deleted.checked) { return; }
      if (hasContent || input.value) { input.value = n; n += 1; }
    });
    // Others follow the new order (editorial/figures.js rewrites the bodies' figure markers).
    group.dispatchEvent(new CustomEvent("nd:renumbered", { bubbles: true }));
  }

  function move(row, direction) {
    var group = row.closest(".nd-ordered");
    var list = rows(group);
    var i = list.indexOf(row);
    var other = list[i + direction];
    if (!other) { return; }
    if (direction < 0) { other.parentNode.insertBefore(row, other); }
    else { other.parentNode.insertBefore(other, row); }
    renumber(group);
    row.querySelector("input.nd-position").focus();
  }

  function enhance(row) {
    if (row.dataset.ndEnhanced) { return; }
    row.dataset.ndEnhanced = "1";
    var input = row.querySelector("input.nd-position");
    var box = document.createElement("span");
    box.className = "nd-move";
    [["↑", -1, "上へ移動"], ["↓", 1, "下へ移動"]].forEach(function (spec) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = spec[0];
      b.setAttribute("aria-label", spec[2]);
      b.addEventListener("click", function () { move(row, spec[1]); });
      box.appendChild(b);
    });
    var handle = document.createElement("span");
    handle.className = "nd-handle";
    handle.textContent = "⠿";
    handle.title = "ドラッグで並べ替え";
    handle.setAttribute("aria-hidden", "true");
    box.appendChild(handle);
    input.insertAdjacentElement("afterend", box);

    row.setAttribute("draggable", "false");
    handle.addEventListener("mousedown", function () { row.setAttribute("draggable", "true"); });
    row.addEventListener("dragstart", function (e) {
      row.classList.add("nd-dragging");
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", "");
    });
    row.addEventListener("dragend", function () {
      row.classList.remove("nd-dragging");
      row.setAttribute("draggable", "false");
      renumber(row.closest(".nd-ordered"));
    });
    row.addEventListener("dragover", function (e) {
      var group = row.closest(".nd-ordered");
      var dragging = group.querySelector(".nd-dragging");
      if (!dragging || dragging === row) { return; }
      e.preventDefault();
      var box = row.getBoundingClientRect();
      var after = e.clientY > box.top + box.height / 2;
      row.parentNode.insertBefore(dragging, after ? row.nextSibling : row);
    });
  }

  function init() {
    document.querySelectorAll(".nd-ordered").forEach(function (group) {
      rows(group).forEach(enhance);
    });
  }

  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("formset:added", function (e) {
    var row = e.target;
    if (row && row.closest && row.closest(".nd-ordered")) { enhance(row); }
  });
})();
