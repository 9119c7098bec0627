// The errors list at the top of a story's form that came back with errors: the first field with an
// error is scrolled into view and focused, and each link focuses its field. Without JavaScript the
// links are plain anchors to the fields.
(function () {
  "use strict";

  function focusTarget(field) {
    // An autocomplete <select> is hidden behind its widget: the widget takes the focus.
    if (field.classList.contains("select2-hidden-accessible")) {
      var widget = field.nextElementSibling && field.nextElementSibling.querySelector(".select2-selection");
      if (widget) { return widget; }
    }
    return field;
  }

  function reveal(id, tries) {
    var field = document.getElementById(id);
    if (!field) { return false; }
    tries = tries || 0;
    var autocomplete = field.classList.contains("admin-autocomplete") || field.classList.contains("nd-library-picker");
    if (autocomplete && !field.classList.contains("select2-hidden-accessible") &&
        tries < 40) {
      // Its widget is still being set up by the admin's script.
      window.setTimeout(function () { reveal(id, tries + 1); }, 50);
      return true;
    }
    var details = field.closest("details");
    if (details) { details.open = true; }
    var target = focusTarget(field);
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
    return true;
  }

  function anchor(link) {
    return decodeURIComponent(link.getAttribute("href").slice(1));
  }

  var list = document.querySelector("[data-nd-error-links]");
  if (!list) { return; }
  var links = list.querySelectorAll("a[href^='#']");
  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (reveal(anchor(link))) { event.preventDefault(); }
    });
  });
  // After the admin's own scripts have set up their widgets (the autocompletes).
  window.addEventListener("load", function () {
    if (links.length) { reveal(anchor(links[0])); }
  });
})();
