// The story form's autosave (editorial/autosaves.py): the form is kept as the editor's private
// copy a few seconds after typing stops and when the page is left; opening the story again offers
// it back, listing what differs; leaving a changed form asks first. Nothing here saves the story.
(function () {
  "use strict";

  var IDLE_MS = 3000;
  var RETRY_MS = 30000;
  var SIGNED_OUT = "ログインの期限が切れたため、自動保存できませんでした。別のタブでログインし直すと、自動保存が再開し、このフォームも保存できます。";
  var EXCERPT = 60;
  var SKIPPED = /(^csrfmiddlewaretoken$|^form_version$|^_|__prefix__|-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$)/;
  var ROW_FIELD = /^(.+)-(\d+)-([^-]+)$/;
  // A figure's image kept by the server after a refused save (images.pending): hidden, yet the editor's work.
  var KEPT = /-kept_upload$/;

  var config, form, statusBoxes = [];
  var pristine, lastSaved, sending = null, sendingOnLeave = false, timer = null, inFlight = null;
  var submitting = false, held = false, restored = false, signedOut = false, baseVersion = null;

  // The form as data ---------------------------------------------------------------

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function serialize() {
    var fields = {}, options = {};
    each(form.elements, function (el) {
      var name = el.name;
      if (!name || SKIPPED.test(name) || !el.type) { return; }
      if (KEPT.test(name)) { fields[name] = el.value; return; }
      if (/^(file|hidden|submit|button|reset|image)$/.test(el.type)) { return; }
      if (el.type === "checkbox") { fields[name] = el.checked; return; }
      if (el.type === "radio") {
        if (el.checked) { fields[name] = el.value; } else if (!(name in fields)) { fields[name] = ""; }
        return;
      }
      if (el.tagName === "SELECT") {
        var values = [], texts = {};
        each(el.selectedOptions, function (o) { values.push(o.value); texts[o.value] = o.textContent.trim(); });
        fields[name] = el.multiple ? values : (values[0] || "");
        if (values.length) { options[name] = texts; }
        return;
      }
      fields[name] = el.value;
    });
    return { fields: fields, options: options };
  }

  function blank(value) {
    return value === "" || value === false || value === undefined || value === null ||
      (Array.isArray(value) && value.length === 0);
  }

  function same(a, b) {
    if (blank(a) && blank(b)) { return true; }
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function differences(before, after) {
    var names = Object.keys(before.fields).concat(Object.keys(after.fields).filter(function (n) {
      return !(n in before.fields);
    }));
    return inFormOrder(names).filter(function (n) { return !same(before.fields[n], after.fields[n]); });
  }

  function inFormOrder(names) {
    // In the order of the form on the page (a stored copy's keys may come back in any order). A row the
    // page does not have yet goes where its group's template row (__prefix__) is: by row, then by field.
    var first = {}, groupStart = {};
    each(form.elements, function (el, i) {
      if (!el.name || el.name in first) { return; }
      first[el.name] = i;
      var row = el.name.indexOf("__prefix__") >= 0 && ROW_FIELD.exec(el.name.replace("__prefix__", "0"));
      if (row && !(row[1] in groupStart)) { groupStart[row[1]] = i; }
    });
    var keys = names.map(function (name, order) {
      if (name in first) { return [first[name], 0, 0, order]; }
      var row = ROW_FIELD.exec(name);
      var field = row && first[row[1] + "-__prefix__-" + row[3]];
      if (field === undefined) { return [Infinity, 0, 0, order]; }
      return [groupStart[row[1]], Number(row[2]), field, order];
    });
    var order = names.map(function (_name, i) { return i; });
    order.sort(function (a, b) {
      for (var k = 0; k < 4; k += 1) {
        if (keys[a][k] !== keys[b][k]) { return keys[a][k] < keys[b][k] ? -1 : 1; }
      }
      return 0;
    });
    return order.map(function (i) { return names[i]; });
  }

  function isDirty() {
    return config.unsaved || restored || differences(pristine, serialize()).length > 0;
  }

  // Labels and excerpts for the list of differences ---------------------------------------

  function element(name) {
    var found = form.querySelector('[name="' + CSS.escape(name) + '"]');
    // A row the page does not have yet: its template row has the same labels.
    return found || form.querySelector('[name="' + CSS.escape(name.replace(/-\d+-/, "-__prefix__-")) + '"]');
  }

  function tidy(text) { return (text || "").replace(/\s+/g, " ").replace(/[:：]\s*$/, "").trim(); }

  function ownLabel(name) {
    var el = element(name);
    if (el && el.labels && el.labels.length) { return tidy(el.labels[0].textContent); }
    var split = name.match(/^(.+)_([01])$/);  // a date and time in two inputs
    if (split) {
      var first = element(split[1] + "_0");
      var label = first && first.labels && first.labels.length ? tidy(first.labels[0].textContent) : split[1];
      return label + (split[2] === "0" ? "（日付）" : "（時刻）");
    }
    return "";
  }

  function labelOf(name) {
    var row = name.match(ROW_FIELD);
    if (!row) { return ownLabel(name) || name; }
    var group = document.getElementById(row[1] + "-group");
    var heading = group && group.querySelector("h2") ? tidy(group.querySelector("h2").textContent) : row[1];
    var label = ownLabel(KEPT.test(name) ? name.replace(KEPT, "-image") : name);
    if (!label && group) {
      var column = group.querySelector("th.column-" + CSS.escape(row[3]));
      label = column ? tidy(column.textContent) : "";
    }
    return heading + " " + (Number(row[2]) + 1) + "：" + (label || row[3]);
  }

  function shown(value, texts) {
    if (value === true) { return "オン"; }
    if (value === false) { return "オフ"; }
    if (Array.isArray(value)) {
      return value.map(function (v) { return (texts && texts[v]) || v; }).join("、");
    }
    if (texts && texts[value]) { return texts[value]; }
    return value || "";
  }

  function excerpts(before, after) {
    var i = 0;
    while (i < before.length && i < after.length && before[i] === after[i]) { i += 1; }
    var start = Math.max(0, i - 15);
    function cut(s) {
      if (!s) { return "（空）"; }
      var part = s.slice(start, start + EXCERPT).replace(/\s+/g, " ");
      return (start > 0 ? "…" : "") + part + (start + EXCERPT < s.length ? "…" : "");
    }
    return [cut(before), cut(after)];
  }

  // The offer to restore ------------------------------------------------------------

  function showOffer(offer) {
    var banner = document.getElementById("nd-autosave-offer");
    if (!banner) { return; }
    var kept = offer.kept || {};
    var names = differences(pristine, offer.data).filter(function (name) { return !KEPT.test(name) || kept[name]; });
    if (!names.length) {
      // Nothing the form does not already hold: there is nothing to offer.
      banner.hidden = true;
      discard(offer, null);
      return;
    }
    held = config.article !== null;  // one autosave per story: the offered one is not overwritten unseen
    var body = banner.querySelector("[data-autosave-diff] tbody");
    names.forEach(function (name) {
      var texts = offer.data.options || {};
      var now = shown(pristine.fields[name], pristine.options[name]);
      var then = kept[name] ? "「" + kept[name].name + "」" : shown(offer.data.fields[name], texts[name]);
      var parts = excerpts(String(now), String(then));
      var tr = document.createElement("tr");
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = labelOf(name);
      tr.appendChild(th);
      parts.forEach(function (text, i) {
        var td = document.createElement("td");
        td.textContent = text;
        td.className = i ? "nd-autosave-offer__new" : "nd-autosave-offer__old";
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    banner.querySelector("[data-autosave-diff]").hidden = false;
    var restoreButton = banner.querySelector("[data-autosave-restore]");
    restoreButton.hidden = false;
    restoreButton.addEventListener("click", function () { restore(offer, banner); });
    var discardButton = banner.querySelector("[data-autosave-discard]");
    discardButton.addEventListener("click", function (e) {
      e.preventDefault();
      discard(offer, banner);
    });
    if (held) { say("上の未保存の変更を復元するか破棄するまで、自動保存は止まっています。", false); }
  }

  function ensureRow(prefix, index) {
    var total = form.querySelector('[name="' + CSS.escape(prefix + "-TOTAL_FORMS") + '"]');
    var group = document.getElementById(prefix + "-group");
    for (var tries = 0; total && Number(total.value) <= index && tries < 200; tries += 1) {
      var add = group && group.querySelector(".add-row a");
      if (!add) { return; }
      add.click();
    }
  }

  function setValue(name, value, texts) {
    each(form.querySelectorAll('[name="' + CSS.escape(name) + '"]'), function (el) {
      if (/^(file|hidden|submit|button|reset|image)$/.test(el.type)) { return; }
      if (el.type === "checkbox") {
        el.checked = !!value;
      } else if (el.type === "radio") {
        el.checked = el.value === value;
      } else if (el.tagName === "SELECT") {
        var values = Array.isArray(value) ? value : [value];
        values.forEach(function (v) {
          var known = Array.prototype.some.call(el.options, function (o) { return o.value === v; });
          if (v !== "" && !known) { el.add(new Option((texts && texts[v]) || v, v)); }
        });
        each(el.options, function (o) { o.selected = values.indexOf(o.value) !== -1; });
      } else {
        el.value = value;
      }
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function restore(offer, banner) {
    var fields = offer.data.fields, texts = offer.data.options || {}, kept = offer.kept || {};
    Object.keys(fields).forEach(function (name) {
      var row = name.match(ROW_FIELD);
      if (row && !blank(fields[name]) && (!KEPT.test(name) || kept[name])) { ensureRow(row[1], Number(row[2])); }
    });
    Object.keys(fields).forEach(function (name) {
      if (KEPT.test(name)) { restoreKept(name, kept[name], fields[name]); } else { setValue(name, fields[name], texts[name]); }
    });
    if (config.article !== null && offer.baseVersion !== null) {
      // Saved from the version it was based on, so the save brings in others' changes since.
      baseVersion = offer.baseVersion;
      var version = form.querySelector('[name="form_version"]');
      if (version) { version.value = String(offer.baseVersion); }
    }
    if (config.article === null && offer.draftKey) { adoptKey(offer.draftKey); }
    restored = true;
    held = false;
    lastSaved = JSON.stringify(serialize());
    banner.hidden = true;
    say("自動保存された変更を復元しました。確認してから保存してください。", false);
    focusFirstField();
  }

  function restoreKept(name, image, reference) {
    // The row carries the reference again, and shows the picture as the server draws a kept one.
    var input = form.querySelector('[name="' + CSS.escape(name) + '"]');
    if (!input || !image) { return; }
    input.value = reference;
    var row = input.closest(".inline-related");
    var cell = row && row.querySelector(".field-thumbnail .readonly");
    if (cell) {
      var img = document.createElement("img");
      img.src = image.thumbnail;
      img.alt = "";
      img.className = "nd-thumb";
      img.width = 160;
      var note = document.createElement("span");
      note.className = "nd-kept";
      note.textContent = "「" + image.name + "」を選択済みです。保存すると図になります（選び直す必要はありません）。";
      cell.replaceChildren(img, note);
    }
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function focusFirstField() {
    // The banner that had the focus is gone: the form's first field takes it.
    var first = form.querySelector("fieldset input:not([type=hidden]), fieldset textarea");
    if (first) { first.focus(); }
  }

  function discard(offer, banner) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrfToken());
    if (config.article !== null) { body.append("article", String(config.article)); }
    else { body.append("draft_key", offer.draftKey); }
    fetch(config.discardEndpoint, {
      method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" },
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      held = false;
      changed();  // what was typed while the offer waited is kept now
      if (banner) {
        banner.hidden = true;
        say("自動保存された変更を破棄しました", false);
        focusFirstField();
      }
    }).catch(function () {
      if (banner) { say("破棄できませんでした。もう一度お試しください。", true); }
    });
  }

  // Saving -----------------------------------------------------------------------

  function csrfToken() {
    var input = form.querySelector('[name="csrfmiddlewaretoken"]');
    return input ? input.value : "";
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function adoptKey(key) {
    config.draftKey = key;
    var carried = form.querySelector('[name="' + CSS.escape(config.keyField) + '"]');
    if (!carried) {
      carried = document.createElement("input");
      carried.type = "hidden";
      carried.name = config.keyField;
      form.appendChild(carried);
    }
    carried.value = key;
    // A reload of the add page finds this story's autosave by the key in its address.
    var url = new URL(window.location.href);
    url.searchParams.set("draft", key);
    window.history.replaceState(window.history.state, "", url.toString());
  }

  function draftKey() {
    var offer = config.offer;
    var offerPending = offer && !restored && document.getElementById("nd-autosave-offer") &&
      !document.getElementById("nd-autosave-offer").hidden;
    if (!config.draftKey || (offerPending && offer.draftKey === config.draftKey)) {
      adoptKey(newKey());  // a new story of its own, beside the one still on offer
    }
    return config.draftKey;
  }

  function say(text, failed) {
    statusBoxes.forEach(function (box) {
      box.textContent = text;
      box.classList.toggle("nd-autosave-status--failed", !!failed);
    });
  }

  function renewToken() {
    // After signing in again elsewhere, the session has a new CSRF token; the form takes it up.
    // Still signed out, the admin redirects to its login page: not followed, since rendering that page would
    // set a new CSRF cookie under the login form the editor may be filling in another tab.
    return fetch(config.endpoint, {
      credentials: "same-origin", redirect: "manual", headers: { Accept: "application/json" },
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("application/json") === -1) { throw { refusal: SIGNED_OUT }; }
        return response.json();
      }).then(function (answer) {
        each(document.querySelectorAll('input[name="csrfmiddlewaretoken"]'), function (input) {
          input.value = answer.csrf_token;
        });
        signedOut = false;
      });
  }

  function save(leaving) {
    if (submitting || held) { return; }
    if (signedOut && !leaving) {
      renewToken().then(function () { save(false); }, function (error) { failed(error, false); });
      return;
    }
    var data = serialize();
    var json = JSON.stringify(data);
    // Leaving sends once (pagehide and visibilitychange both come); an ordinary request
    // still on its way when the page goes is cancelled by the browser, so leaving sends again.
    if (json === lastSaved || (json === sending && (sendingOnLeave || !leaving))) { return; }
    sending = json;
    sendingOnLeave = !!leaving;
    var payload = JSON.stringify({
      article: config.article, draft_key: config.article === null ? draftKey() : "",
      base_version: baseVersion, data: data,
    });
    var bytes = new Blob([payload]).size;
    var controller = leaving ? null : new AbortController();
    var request = fetch(config.endpoint, {
      method: "POST", body: payload, credentials: "same-origin",
      keepalive: !!leaving && bytes < 60000,  // browsers refuse larger bodies on the way out
      signal: controller ? controller.signal : undefined,
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
    });
    inFlight = controller;
    request.then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      // Signed out: the admin sends the request to its login page (or refuses it, 403, when
      // the CSRF cookie went with the session).
      var isSignedOut = (response.redirected && /\/login\//.test(response.url)) ||
        (response.status === 403 && type.indexOf("application/json") === -1);
      if (isSignedOut) {
        signedOut = true;
        throw { refusal: SIGNED_OUT };
      }
      if (type.indexOf("application/json") === -1) { throw new Error("not json"); }
      return response.json().then(function (answer) {
        if (!response.ok) { throw { refusal: answer.error }; }
        lastSaved = json;
        say("自動保存しました " + answer.saved_at_display, false);
      });
    }).catch(function (error) {
      failed(error, leaving);
    }).then(function () {
      if (inFlight === controller) { inFlight = null; }
      if (sending === json) { sending = null; }
    });
  }

  function failed(error, leaving) {
    if (submitting) { return; }  // stopped because the form is being saved
    // The server's own words when it refused (too large, too often), else the plain fact.
    say((error && error.refusal) || "自動保存できませんでした", true);
    if (!leaving) {  // try again a little later, unless the editor types first
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { save(false); }, RETRY_MS);
    }
  }

  function changed() {
    if (submitting) { return; }
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { save(false); }, IDLE_MS);
  }

  function leaving() {
    if (submitting) { return; }
    window.clearTimeout(timer);
    save(true);
  }

  // Wiring -----------------------------------------------------------------------

  function statusArea() {
    var rows = document.querySelectorAll("#article_form .submit-row");
    each(rows, function (row, i) {
      var box = document.createElement("p");
      box.className = "nd-autosave-status";
      if (i === rows.length - 1) {
        box.setAttribute("role", "status");
        box.setAttribute("aria-live", "polite");
      } else {
        box.setAttribute("aria-hidden", "true");  // the same words as the live one below
      }
      row.appendChild(box);
      statusBoxes.push(box);
    });
  }

  function init() {
    var script = document.getElementById("nd-autosave-config");
    form = document.getElementById("article_form");
    if (!script || !form) { return; }
    config = JSON.parse(script.textContent);
    var version = form.querySelector('[name="form_version"]');
    baseVersion = version && /^\d+$/.test(version.value) ? Number(version.value) : null;
    if (config.article === null && config.draftKey) { adoptKey(config.draftKey); }
    statusArea();
    pristine = serialize();
    lastSaved = JSON.stringify(pristine);
    if (config.offer) { showOffer(config.offer); }
    if (config.unsaved && !held) { changed(); }  // a refused save: what it held is kept again

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("click", changed);  // reordering rows rewrites their numbers without an event
    document.addEventListener("formset:added", changed);
    document.addEventListener("formset:removed", changed);
    if (window.django && window.django.jQuery) {
      window.django.jQuery(form).on("change", changed);  // the autocomplete's changes are jQuery events
    }
    form.addEventListener("submit", function () {
      submitting = true;
      window.clearTimeout(timer);
      // An autosave arriving after the save would outlive it (the save deletes the autosave).
      if (inFlight) { inFlight.abort(); }
    });
    window.addEventListener("pagehide", leaving);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { leaving(); }
    });
    window.addEventListener("beforeunload", function (event) {
      if (submitting || !isDirty()) { return; }
      event.preventDefault();
      event.returnValue = "";  // older browsers show the prompt only with a value
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    // After the admin's inlines and autocompletes have set themselves up (jQuery's ready runs later).
    window.setTimeout(init, 0);
  });
})();
