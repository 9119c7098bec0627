// Figures placed, not typed: a 「図を挿入」 control beside each body inserts a figure's marker at the
// cursor, and reordering the figures (admin.js's ↑↓ and drag) rewrites the markers so each keeps
// pointing at the same picture. Each figure row's hidden `marker` field is the number the bodies use
// for it; the server makes the markers follow the figures again when the story is saved.
(function () {
  "use strict";

  var BODIES = ["id_body", "id_original_body"];
  var MARKER = /\[\[figure:(\d+)\]\]/g;

  function group() { return document.getElementById("figures-group"); }

  function rows() {
    var g = group();
    if (!g) { return []; }
    return Array.prototype.filter.call(g.querySelectorAll("div.inline-related"), function (row) {
      return !row.classList.contains("empty-form") && row.querySelector("input[name$='-marker']");
    });
  }

  function field(row, name) { return row.querySelector("[name$='-" + name + "']"); }

  function deleted(row) {
    var box = field(row, "DELETE");
    return Boolean(box && box.checked);
  }

  function isFigure(row) {
    var file = field(row, "image");
    var picked = field(row, "image_item");  // 「ライブラリから選ぶ」
    return Boolean(row.querySelector("img.nd-thumb") || (file && file.value) || (picked && picked.value) ||
      field(row, "id") && field(row, "id").value);
  }

  function describe(row) {
    var caption = field(row, "caption");
    var file = field(row, "image");
    var name = (caption && caption.value.trim()) || (file && file.files && file.files[0] && file.files[0].name) || "";
    var number = field(row, "marker").value;
    return "図 " + number + (name ? "（" + name + "）" : "");
  }

  function nextNumber() {
    var highest = 0;
    rows().forEach(function (row) { highest = Math.max(highest, Number(field(row, "marker").value) || 0); });
    return highest + 1;
  }

  // Markers in both bodies renumbered at once: {old number: new number}.
  function rewrite(moves) {
    BODIES.forEach(function (id) {
      var body = document.getElementById(id);
      if (!body) { return; }
      var rewritten = body.value.replace(MARKER, function (marker, n) {
        return moves[n] ? "[[figure:" + moves[n] + "]]" : marker;
      });
      if (rewritten !== body.value) {
        body.value = rewritten;
        body.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
  }

  function followOrder() {
    var kept = 0;
    rows().forEach(function (row) {
      var position = Number(field(row, "position").value) || 0;
      if (!deleted(row)) { kept = Math.max(kept, position); }
    });
    var moves = {};
    var changed = false;
    rows().forEach(function (row) {
      var marker = field(row, "marker");
      var position = Number(field(row, "position").value) || 0;
      if (!marker.value || !position) { return; }
      // A row marked for deletion keeps a number of its own, past the others (the save removes its markers).
      var to = deleted(row) ? ++kept : position;
      moves[marker.value] = String(to);
      if (String(to) !== marker.value) { changed = true; }
    });
    if (!changed) { return; }
    rewrite(moves);
    rows().forEach(function (row) {
      var marker = field(row, "marker");
      if (moves[marker.value]) { marker.value = moves[marker.value]; }
    });
    refreshAll();
  }

  function insertAtCursor(textarea, marker) {
    var value = textarea.value;
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var before = value.slice(0, start).replace(/[ \t]+$/, "");
    var after = value.slice(end).replace(/^[ \t]+/, "");
    // The marker is a paragraph of its own: a blank line on each side.
    var lead = before === "" || /\n\n$/.test(before) ? "" : (/\n$/.test(before) ? "\n" : "\n\n");
    var trail = after === "" || /^\n\n/.test(after) ? "" : (/^\n/.test(after) ? "\n" : "\n\n");
    textarea.value = before + lead + marker + trail + after;
    var caret = (before + lead + marker + trail).length;
    textarea.focus();
    textarea.setSelectionRange(caret, caret);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  var tools = [];

  function refresh(tool) {
    var chosen = tool.select.value;
    tool.select.textContent = "";
    var figures = rows().filter(function (row) { return !deleted(row) && isFigure(row); });
    figures.forEach(function (row) {
      var option = document.createElement("option");
      option.value = field(row, "marker").value;
      option.textContent = describe(row);
      tool.select.appendChild(option);
    });
    if (!figures.length) {
      var none = document.createElement("option");
      none.value = "";
      none.textContent = "図がまだありません";
      tool.select.appendChild(none);
    }
    if (chosen) { tool.select.value = chosen; }
    if (!tool.select.value && tool.select.options.length) { tool.select.selectedIndex = 0; }
    tool.button.disabled = !figures.length;
  }

  function refreshAll() { tools.forEach(refresh); }

  function addTool(textarea) {
    var box = document.createElement("div");
    box.className = "nd-figure-tool";
    var select = document.createElement("select");
    select.setAttribute("aria-label", "挿入する図");
    select.id = textarea.id + "_figure";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = "図を挿入";
    button.setAttribute("aria-describedby", select.id);
    box.appendChild(select);
    box.appendChild(button);
    var tool = { select: select, button: button };
    button.addEventListener("click", function () {
      refresh(tool);
      if (select.value) { insertAtCursor(textarea, "[[figure:" + select.value + "]]"); }
    });
    select.addEventListener("focus", function () { refresh(tool); });
    textarea.insertAdjacentElement("afterend", box);
    tools.push(tool);
    refresh(tool);
  }

  function init() {
    if (!group()) { return; }
    BODIES.forEach(function (id) {
      var textarea = document.getElementById(id);
      if (textarea) { addTool(textarea); }
    });
    group().addEventListener("nd:renumbered", followOrder);
    group().addEventListener("change", refreshAll);
    group().addEventListener("input", refreshAll);
  }

  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("formset:added", function (event) {
    var row = event.target;
    if (!row || !row.closest || !row.closest("#figures-group")) { return; }
    var marker = field(row, "marker");
    if (marker && !marker.value) { marker.value = nextNumber(); }  // past every other row
    refreshAll();
  });
  document.addEventListener("formset:removed", refreshAll);
})();
