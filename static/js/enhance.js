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

  // Filters folded on phones so results come first; on wide screens there is room to show them.
  if (window.matchMedia && window.matchMedia("(min-width: 48rem)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (el) { el.open = true; });
  }

  // One view of this story for the 人気記事 rankings: a beacon with an id made up for this
  // view alone, so a repeat is counted once; no cookie, nothing kept about the reader.
  var viewed = document.querySelector("[data-count-view]");
  if (viewed && navigator.sendBeacon && window.crypto && window.URLSearchParams) {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var id = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    navigator.sendBeacon(viewed.getAttribute("data-count-view"),
      new URLSearchParams({ article: viewed.getAttribute("data-article-id"), view: id }));
  }

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
