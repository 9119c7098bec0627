/* 「ライブラリから選ぶ」 in a story's figures (editorial/admin/library.py): an autocomplete over the media
   library whose results show thumbnails. Picking an image shows it in the row's preview and fills the
   row's empty alt text, caption and credit with what the library remembers (the server does the same
   when the form is saved, so nothing depends on this script but the search itself). */
(function () {
  "use strict";

  function result(item) {
    if (!item.id || !item.thumbnail) { return item.text; }
    var box = document.createElement("span");
    box.className = "nd-library-result";
    var img = document.createElement("img");
    img.src = item.thumbnail;
    img.alt = "";
    img.width = 64;
    box.appendChild(img);
    var words = document.createElement("span");
    var name = document.createElement("span");
    name.className = "nd-library-name";
    name.textContent = item.text;
    words.appendChild(name);
    var detail = [item.credit, item.size].filter(Boolean).join(" · ");
    if (detail) {
      var small = document.createElement("small");
      small.textContent = detail;
      words.appendChild(small);
    }
    box.appendChild(words);
    return box;
  }

  function start($, element) {
    var $element = $(element);
    if ($element.data("select2")) { return; }
    $element.select2({
      ajax: {
        data: function (params) {
          return {
            term: params.term, page: params.page,
            app_label: $element.data("app-label"), model_name: $element.data("model-name"),
            field_name: $element.data("field-name"),
          };
        },
      },
      templateResult: result,
      allowClear: true,
    });
  }

  function row(select) { return select.closest(".inline-related"); }

  function field(box, name) { return box && box.querySelector("[name$='-" + name + "']"); }

  function picked(select, item) {
    var box = row(select);
    if (!box || !item) { return; }
    ["alt_text", "caption", "credit"].forEach(function (name) {
      var input = field(box, name);
      if (input && !input.value.trim() && item[name]) {
        input.value = item[name];
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
    if (!item.thumbnail) { return; }
    var preview = box.querySelector("img[data-nd-figure-preview]");
    if (!preview) {
      var place = box.querySelector(".field-thumbnail .readonly");
      if (!place) { return; }
      place.textContent = "";
      preview = document.createElement("img");
      preview.className = "nd-thumb";
      preview.alt = "";
      preview.width = 160;
      preview.setAttribute("data-nd-figure-preview", "");
      place.appendChild(preview);
    }
    preview.removeAttribute("height");
    preview.src = item.thumbnail;
  }

  function ready($) {
    $("select.nd-library-picker").not("[name*=__prefix__]").each(function () { start($, this); });
    document.addEventListener("formset:added", function (event) {
      $(event.target).find("select.nd-library-picker").each(function () { start($, this); });
    });
    $(document).on("select2:select", "select.nd-library-picker", function (event) {
      picked(this, event.params && event.params.data);
    });
  }

  function wait() {
    if (window.django && window.django.jQuery && window.django.jQuery.fn.select2) {
      ready(window.django.jQuery);
    } else {
      window.setTimeout(wait, 50);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wait);
  } else {
    wait();
  }
})();
