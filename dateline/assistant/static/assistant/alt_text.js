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
    var box = document.createElement("div");
    box.className = "assistant-suggest";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-small button-secondary";
    button.textContent = "Suggest alt text";
    var status = document.createElement("div");
    status.className = "help assistant-suggest__status";
    status.setAttribute("role", "status");
    box.appendChild(button);
    box.appendChild(status);
    (input.closest("[data-field-input]") || input.parentElement).insertAdjacentElement(
      "afterend",
      box
    );

    button.addEventListener("click", function () {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", form.querySelector("[name='csrfmiddlewaretoken']").value);
      button.disabled = true;
      status.textContent = "Asking the assistant…";
      fetch(ENDPOINT + match[1] + "/", {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest" },
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (result) {
          status.textContent = "";
          if (!result.ok) {
            status.textContent = "The assistant could not answer.";
            return;
          }
          (result.data.messages || []).forEach(function (message) {
            var line = document.createElement("p");
            line.textContent = message;
            status.appendChild(line);
          });
          if (!result.data.values.alt_text) return;
          input.value = result.data.values.alt_text;
          input.dispatchEvent(new Event("input", { bubbles: true }));
          var previous = form.querySelector("input[name='assistant_offer']");
          if (previous) previous.remove();
          var offer = document.createElement("input");
          offer.type = "hidden";
          offer.name = "assistant_offer";
          offer.value = result.data.offer;
          form.appendChild(offer);
          var done = document.createElement("p");
          done.textContent =
            "Suggested by the model. Check it against the picture and edit before you save.";
          status.appendChild(done);
        })
        .catch(function () {
          status.textContent = "The assistant could not be reached. Try again in a moment.";
        })
        .finally(function () {
          button.disabled = false;
        });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
