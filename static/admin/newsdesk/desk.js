// The desk panel beside a story's form, made a little quicker; every part works without this script.
// - A note's field chip scrolls to that part of the form and outlines it for a moment.
// - Writing a note: Ctrl+Enter (⌘+Enter) sends it; the note's field follows the last part of the form focused.
(function () {
  "use strict";

  function place(field) {
    return document.getElementById(field === "key_points" || field === "figures" ? field + "-group" : "id_" + field);
  }

  document.addEventListener("click", function (event) {
    var chip = event.target.closest("[data-desk-field]");
    if (!chip) return;
    var target = place(chip.getAttribute("data-desk-field"));
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({behavior: "smooth", block: "center"});
    target.classList.add("nd-field-pointed");
    if (typeof target.focus === "function") target.focus({preventScroll: true});
    window.setTimeout(function () { target.classList.remove("nd-field-pointed"); }, 2000);
  });

  var form = document.getElementById("desk-note-form");
  if (!form) return;
  var text = form.querySelector("textarea[name=text]");
  var field = form.querySelector("select[name=field]");
  text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && text.value.trim()) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }
  });
  var known = Array.prototype.map.call(field.options, function (option) { return option.value; });
  var articleForm = document.getElementById("article_form");
  if (articleForm) {
    articleForm.addEventListener("focusin", function (event) {
      var name = event.target.name || "";
      var part = /^key_points-/.test(name) ? "key_points" : /^figures-/.test(name) ? "figures" : name;
      if (known.indexOf(part) > 0 && !text.value.trim()) field.value = part;
    });
  }
})();
