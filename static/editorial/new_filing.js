/* 「新規作成: …」 in the story form's tag and source autocompletes (editorial/new_filing.py): choosing it
   makes the tag or source on the server and puts the real one in the field, with no popup. */
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function say(select, text) {
    // Why a new tag or source was not made, on its own line under the field. Nothing is drawn
    // without a reason: the admin's .errornote is a block whatever `hidden` says, so an empty
    // note would show as an empty red box beside the 「+」.
    var note = select.parentNode.querySelector(".nd-new-filing-error");
    if (!text) {
      if (note) { note.remove(); }
      return;
    }
    if (!note) {
      note = document.createElement("p");
      note.className = "nd-new-filing-error errornote";
      note.id = select.id + "-new-filing-error";
      note.setAttribute("role", "alert");
      select.parentNode.appendChild(note);
    }
    note.textContent = text;
  }

  function chosen($, select, offered, answer) {
    var temporary = Array.prototype.find.call(select.options, function (o) { return o.value === offered.id; });
    if (temporary) temporary.remove();
    if (answer && answer.id) {
      var option = Array.prototype.find.call(select.options, function (o) { return o.value === answer.id; });
      if (option) {
        option.selected = true;
      } else {
        select.appendChild(new Option(answer.text, answer.id, true, true));
      }
    }
    $(select).trigger("change");
  }

  function start($) {
    $(document).on("select2:select", "select.admin-autocomplete", function (event) {
      var offered = event.params && event.params.data;
      if (!offered || !offered.newsdesk_new) return;
      var select = this;
      var wanted = offered.newsdesk_new;
      say(select, "");
      fetch(wanted.url, {
        method: "POST",
        body: new URLSearchParams({ kind: wanted.kind, name: wanted.name }),
        headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" },
        credentials: "same-origin",
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (answer) {
          if (!response.ok) {
            say(select, answer.error || response.statusText);
            chosen($, select, offered, null);
            return;
          }
          chosen($, select, offered, answer);
        });
      }).catch(function () {
        var messages = document.getElementById("nd-new-filing-messages");
        say(select, messages ? messages.getAttribute("data-offline") : "");
        chosen($, select, offered, null);
      });
    });
  }

  if (window.django && window.django.jQuery) start(window.django.jQuery);
})();
