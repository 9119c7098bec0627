// Small enhancements; every page is complete without this file.
(function () {
  "use strict";
  var store;
  try { store = window.sessionStorage; } catch (e) { store = null; }

  // Remember which collapsible sections the reader opened, per page.
  document.querySelectorAll("details[data-remember-open]").forEach(function (el) {
    var key = "open:" + location.pathname + ":" + el.getAttribute("data-remember-open");
    if (store && store.getItem(key) === "1") { el.open = true; }
    el.addEventListener("toggle", function () {
      if (store) { store.setItem(key, el.open ? "1" : "0"); }
    });
  });

  // Printed articles include the collapsed sections.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (el) {
      if (!el.open) { el.dataset.printOpened = "1"; el.open = true; }
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-print-opened]").forEach(function (el) {
      el.open = false; delete el.dataset.printOpened;
    });
  });
})();
