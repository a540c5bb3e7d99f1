// The desk assistant in the story editor: "Suggest …" buttons beside the takeaways, headline,
// summary and tags. Each posts the form as it stands to the assistant, fills the fields with
// what comes back for the editor to edit, and adds the signed offer to the form, so that saving
// the story records what was accepted. Nothing is saved or published from here.
(function () {
  "use strict";

  // The endpoint of one kind is this base and the kind: "…/suggest/" + "takeaways/".
  var ENDPOINT = document.currentScript.getAttribute("data-endpoint");

  function field(form, name) {
    return form.querySelector("[name='" + name + "']");
  }

  function setValue(input, value) {
    if (!input) return;
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function markModelText(form, madeBy) {
    // Text a model wrote in the story makes it AI-assisted, with the note readers see.
    if (madeBy.method === "model") setValue(field(form, "provenance"), "ai_assisted");
  }

  function writeDraftailValues(form) {
    // Draftail writes its value a moment after the last keystroke; the assistant reads it now.
    form.querySelectorAll("input[type=hidden]").forEach(function (input) {
      if (input.draftailEditor && input.draftailEditor.saveState) input.draftailEditor.saveState();
    });
  }

  var apply = {
    takeaways: function (form, data) {
      var inputs = form.querySelectorAll("[data-takeaway]");
      inputs.forEach(function (input, index) {
        setValue(input, data.values.takeaways[index] || "");
      });
      if (data.values.takeaways.length) {
        setValue(field(form, "takeaways_method"), data.made_by.method);
        setValue(field(form, "takeaways_model"), data.made_by.model);
        markModelText(form, data.made_by);
      }
      return data.values.takeaways.length > 0;
    },
    headline: function (form, data) {
      if (!data.values.headline) return false;
      setValue(field(form, "title"), data.values.headline);
      markModelText(form, data.made_by);
      return true;
    },
    summary: function (form, data) {
      if (!data.values.summary) return false;
      setValue(field(form, "summary"), data.values.summary);
      markModelText(form, data.made_by);
      return true;
    },
    tags: function (form, data, status) {
      var tagsInput = field(form, "tags");
      var list = document.createElement("p");
      data.values.tags.forEach(function (tag) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button-small button-secondary assistant-tag";
        button.textContent = "+ " + tag;
        button.addEventListener("click", function () {
          var jq = window.jQuery;
          if (jq && jq(tagsInput).data("ui-tagit")) {
            jq(tagsInput).tagit("createTag", tag);
          } else {
            setValue(tagsInput, tagsInput.value ? tagsInput.value + ", " + tag : tag);
          }
          button.disabled = true;
          window.datelineAssistant.keepOffer(form, "tags", data.offer);
        });
        list.appendChild(button);
        list.appendChild(document.createTextNode(" "));
      });
      status.appendChild(list);
      var found = [];
      if (data.values.countries.length) found.push("countries: " + data.values.countries.join(", "));
      if (data.values.sectors.length) found.push("sectors: " + data.values.sectors.join(", "));
      if (found.length) {
        var classification = document.createElement("p");
        classification.textContent = "The wire's tagger finds " + found.join("; ") + ".";
        status.appendChild(classification);
      }
      // A tag is accepted by clicking it, not by asking.
      return false;
    },
  };

  function addButton(form, kind, label, anchor) {
    window.datelineAssistant.addSuggestButton({
      anchor: anchor,
      label: label,
      kind: kind,
      url: ENDPOINT + kind + "/",
      body: function () {
        writeDraftailValues(form);
        return new FormData(form);
      },
      apply: function (data, status) {
        if (!apply[kind](form, data, status)) return false;
        window.datelineAssistant.keepOffer(form, kind, data.offer);
        return true;
      },
      done: "Suggested. Check and edit before you save: nothing is kept until you save the story.",
    });
  }

  function wrapperOf(input) {
    return input && (input.closest("[data-field-input]") || input.parentElement);
  }

  function start() {
    var takeaways = document.querySelectorAll("[data-takeaway]");
    if (!takeaways.length) return;
    var form = takeaways[0].closest("form");
    addButton(form, "takeaways", "Suggest takeaways", wrapperOf(takeaways[takeaways.length - 1]));
    addButton(form, "headline", "Suggest headline", wrapperOf(field(form, "title")));
    addButton(form, "summary", "Suggest summary", wrapperOf(field(form, "summary")));
    addButton(form, "tags", "Suggest tags", wrapperOf(field(form, "tags")));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
