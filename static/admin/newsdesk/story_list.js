// The story list's tag filter (editorial/admin/list_filters.py): as the editor types, the box's
// suggestions are the tags the admin's autocomplete finds. Without this script the box takes a
// tag's name typed in full; the page never lists every tag.
(function () {
  "use strict";

  var WAIT_MS = 200;

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("nd-tag-filter");
    var list = document.getElementById("nd-tag-suggestions");
    if (!box || !list) { return; }
    var timer = null, asked = "";

    function suggest() {
      var term = box.value.trim();
      if (!term || term === asked) { return; }
      asked = term;
      var url = new URL(box.getAttribute("data-suggest-url"), window.location.href);
      url.search = new URLSearchParams({
        term: term, app_label: "articles", model_name: "article", field_name: "tags",
      }).toString();
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (answer) {
          if (asked !== term) { return; }  // the editor typed on meanwhile
          list.textContent = "";
          (answer.results || []).forEach(function (tag) {
            if (tag.newsdesk_new) { return; }  // the story form's 「新規作成」: no story carries it
            var option = document.createElement("option");
            option.value = tag.text;
            list.appendChild(option);
          });
        })
        .catch(function () { /* no suggestions: a full name still works */ });
    }

    box.addEventListener("input", function (event) {
      // A suggestion picked from the list (the browser puts it in whole) filters at once.
      var replaced = !(event instanceof InputEvent) || event.inputType === "insertReplacementText";
      var known = Array.prototype.some.call(list.options, function (o) { return o.value === box.value; });
      if (replaced && known && box.form) {
        if (box.form.requestSubmit) { box.form.requestSubmit(); } else { box.form.submit(); }
        return;
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(suggest, WAIT_MS);
    });
  });
})();
