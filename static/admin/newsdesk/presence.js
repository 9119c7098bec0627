// Presence (editorial/presence.py): while the story form is visible, it tells the server every
// half minute that its editor is still here, and shows who else has the story open from the
// answer; leaving the page says so at once (a beacon). A hidden tab stops telling, and its editor
// goes idle after a couple of minutes. The form works the same without this script.
(function () {
  "use strict";

  var config, box, list, timer = null, gone = false;

  function csrfToken() {
    var input = document.querySelector('#article_form [name="csrfmiddlewaretoken"]');
    return input ? input.value : "";
  }

  function body(state) {
    var data = new FormData();
    data.append("state", state);
    data.append("csrfmiddlewaretoken", csrfToken());
    return data;
  }

  function show(others) {
    var texts = others.map(function (person) { return person.text; });
    var now = Array.prototype.map.call(list.children, function (li) { return li.textContent; });
    if (texts.join("\n") === now.join("\n")) { return; }
    list.textContent = "";
    texts.forEach(function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      list.appendChild(li);
    });
    box.hidden = texts.length === 0;
  }

  function beat() {
    if (document.visibilityState !== "visible") { return; }
    fetch(config.endpoint, {
      method: "POST", body: body("here"), credentials: "same-origin", headers: { Accept: "application/json" },
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (!response.ok || type.indexOf("application/json") === -1) { return null; }
      return response.json();
    }).then(function (answer) {
      if (answer && Array.isArray(answer.others)) { show(answer.others); }
    }).catch(function () { /* the next heartbeat tries again */ });
  }

  function start() {
    stop();
    gone = false;
    beat();
    timer = window.setInterval(beat, Math.max(5, config.heartbeat) * 1000);
  }

  function stop() {
    window.clearInterval(timer);
    timer = null;
  }

  function leave() {
    stop();
    if (gone) { return; }
    gone = true;
    if (navigator.sendBeacon) { navigator.sendBeacon(config.endpoint, body("gone")); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var script = document.getElementById("nd-presence-config");
    box = document.getElementById("nd-presence");
    if (!script || !box) { return; }
    config = JSON.parse(script.textContent);
    list = box.querySelector(".nd-presence__people");
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") { start(); } else { stop(); }
    });
    window.addEventListener("pagehide", leave);
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) { start(); }  // back from the browser's page cache
    });
    start();
  });
})();
