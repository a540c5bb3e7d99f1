// The desk assistant in the image editor: a "Suggest alt text" button beside the alt text field
// of a library image. It asks the assistant (a model that can see, when one is configured),
// fills the field for the editor to check and edit, and adds the signed offer to the form, so
// that saving the image records what was accepted. Nothing is saved from here.
(function () {
  "use strict";

  // The endpoint of one image is this base and its id: "…/alt-text/" + "12/".
  var ENDPOINT = document.currentScript.getAttribute("data-endpoint");
  // Only an image's own edit screen: uploads and choosers have no saved picture to describe.
  var EDIT_PATH = /\/images\/(\d+)\/$/;

  function start() {
    var match = EDIT_PATH.exec(window.location.pathname);
    var input = document.querySelector("form input[name='alt_text']");
    if (!match || !input) return;
    var form = input.closest("form");
    window.datelineAssistant.addSuggestButton({
      anchor: input.closest("[data-field-input]") || input.parentElement,
      label: "Suggest alt text",
      kind: "alt_text",
      url: ENDPOINT + match[1] + "/",
      body: function () {
        var body = new FormData();
        body.append("csrfmiddlewaretoken", form.querySelector("[name='csrfmiddlewaretoken']").value);
        return body;
      },
      apply: function (data) {
        if (!data.values.alt_text) return false;
        input.value = data.values.alt_text;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        window.datelineAssistant.keepOffer(form, "alt_text", data.offer);
        return true;
      },
      done: "Suggested by the model. Check it against the picture and edit before you save.",
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
