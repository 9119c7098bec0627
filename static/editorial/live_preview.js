/* The story form's live preview: the form as it stands, drawn by the server as the reader page will
   draw it (editorial/admin/preview_views.py), shown in a frame beside the form a moment after typing
   stops. Nothing is saved. Whether the pane is open is remembered in this browser. */
(function () {
  "use strict";

  var OPEN_KEY = "newsdesk.livePreview.open";
  var IDLE_MS = 600;

  function remembered() {
    try {
      return window.localStorage.getItem(OPEN_KEY) !== "no";
    } catch (e) {
      return true;
    }
  }

  function remember(open) {
    try {
      window.localStorage.setItem(OPEN_KEY, open ? "yes" : "no");
    } catch (e) { /* private mode: the pane just opens as it did */ }
  }

  function start() {
    var configNode = document.getElementById("nd-live-preview-config");
    var pane = document.getElementById("nd-live-preview");
    var toggle = document.getElementById("nd-live-preview-toggle");
    var form = document.getElementById("article_form");
    if (!configNode || !pane || !toggle || !form) return;
    var config = JSON.parse(configNode.textContent);
    var frame = pane.querySelector("iframe");
    var status = pane.querySelector("[data-live-preview-status]");
    var warnings = pane.querySelector("[data-live-preview-warnings]");
    var timer = null;
    var busy = false;
    var again = false;
    var loaded = false;
    var images = new WeakMap();  // File -> data: URL (the admin's CSP allows data: images, not blob:)

    function say(text, isError) {
      status.textContent = text;
      status.classList.toggle("nd-live-preview__status--error", !!isError);
    }

    function formBody() {
      var body = new URLSearchParams();
      new FormData(form).forEach(function (value, name) {
        if (value instanceof File) {
          if (value.name) body.append(name, value.name);  // chosen, not uploaded: shown from the input below
        } else {
          body.append(name, value);
        }
      });
      return body;
    }

    function csrfToken() {
      var input = form.querySelector("input[name=csrfmiddlewaretoken]");
      return input ? input.value : "";
    }

    function showWarnings(list) {
      warnings.replaceChildren();
      (list || []).forEach(function (text) {
        var item = document.createElement("li");
        item.textContent = text;
        warnings.appendChild(item);
      });
      warnings.hidden = !(list && list.length);
    }

    function showChosenImages(doc) {
      doc.querySelectorAll("[data-preview-image]").forEach(function (slot) {
        var input = form.querySelector("#id_" + slot.getAttribute("data-preview-image") + "-image");
        var file = input && input.files && input.files[0];
        if (!file || !/^image\//.test(file.type)) return;
        function place(url) {
          var img = doc.createElement("img");
          img.src = url;
          img.alt = "";
          slot.replaceChildren(img);
        }
        if (images.has(file)) {
          place(images.get(file));
          return;
        }
        var reader = new FileReader();
        reader.onload = function () {
          images.set(file, reader.result);
          place(reader.result);
        };
        reader.readAsDataURL(file);
      });
    }

    function show(html) {
      var doc = frame.contentDocument;
      if (!loaded || !doc || !doc.body) {
        frame.addEventListener("load", function () {
          loaded = true;
          showChosenImages(frame.contentDocument);
        }, { once: true });
        frame.srcdoc = html;
        return;
      }
      // Swap the page's body in place, so the frame keeps its scroll position while the editor types.
      var fresh = new DOMParser().parseFromString(html, "text/html");
      doc.title = fresh.title;
      doc.body.replaceWith(doc.importNode(fresh.body, true));
      showChosenImages(doc);
    }

    function refresh() {
      timer = null;
      if (pane.hidden) return;
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      say(pane.getAttribute("data-updating") || "…", false);
      fetch(config.endpoint, {
        method: "POST",
        body: formBody(),
        headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" },
        credentials: "same-origin",
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (!response.ok || typeof data.html !== "string") {
            say(data.error || pane.getAttribute("data-failed"), true);
            return;
          }
          show(data.html);
          showWarnings(data.warnings);
          say(pane.getAttribute("data-updated") + " " + new Date().toTimeString().slice(0, 5), false);
        });
      }).catch(function () {
        say(pane.getAttribute("data-offline"), true);
      }).then(function () {
        busy = false;
        if (again) {
          again = false;
          schedule();
        }
      });
    }

    function schedule() {
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(refresh, IDLE_MS);
    }

    function setOpen(open) {
      pane.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      toggle.textContent = toggle.getAttribute(open ? "data-label-close" : "data-label-open");
      if (open) refresh();
    }

    toggle.addEventListener("click", function () {
      var open = pane.hidden;
      remember(open);
      setOpen(open);
    });
    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    form.addEventListener("click", function (event) {
      // Reordering rows and 「図を挿入」 change the form without an input event.
      if (event.target.closest("button, a, .inline-deletelink")) schedule();
    });
    document.addEventListener("formset:added", schedule);
    document.addEventListener("formset:removed", schedule);
    if (window.django && window.django.jQuery) {
      window.django.jQuery(form).on("change", schedule);  // the autocompletes' changes are jQuery events
    }
    document.querySelector("[data-live-preview-bar]").hidden = false;
    setOpen(remembered());
  }

  document.addEventListener("DOMContentLoaded", start);
})();
