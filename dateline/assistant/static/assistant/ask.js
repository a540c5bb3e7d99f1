// What every "Suggest …" button of the desk assistant does, in the story editor (suggest.js) and
// the image editor (alt_text.js): a button with a status line after an anchor element; on a click
// it posts to the assistant, shows the assistant's messages, hands the answer to the caller to
// fill the fields, and says what to do next. Loaded before the scripts that use it.
(function () {
  "use strict";

  function statusLine(status, text) {
    var line = document.createElement("p");
    line.textContent = text;
    status.appendChild(line);
  }

  // options: anchor (the button goes after it), label, kind (data-assistant-suggest), url,
  // body() (the FormData posted), apply(data, status) (true when fields were filled), done
  // (the line shown then).
  function addSuggestButton(options) {
    if (!options.anchor) return;
    var box = document.createElement("div");
    box.className = "assistant-suggest";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-small button-secondary";
    button.textContent = options.label;
    button.setAttribute("data-assistant-suggest", options.kind);
    var status = document.createElement("div");
    status.className = "help assistant-suggest__status";
    status.setAttribute("role", "status");
    box.appendChild(button);
    box.appendChild(status);
    options.anchor.insertAdjacentElement("afterend", box);

    button.addEventListener("click", function () {
      var body = options.body();
      button.disabled = true;
      status.textContent = "Asking the assistant…";
      fetch(options.url, {
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
            status.textContent = result.data.error || "The assistant could not answer.";
            return;
          }
          (result.data.messages || []).forEach(function (message) {
            statusLine(status, message);
          });
          if (options.apply(result.data, status)) statusLine(status, options.done);
        })
        .catch(function () {
          status.textContent = "The assistant could not be reached. Try again in a moment.";
        })
        .finally(function () {
          button.disabled = false;
        });
    });
  }

  // The signed offer of a suggestion goes with the form, so that saving records it; one per kind.
  function keepOffer(form, kind, token) {
    var previous = form.querySelector("input[name='assistant_offer'][data-kind='" + kind + "']");
    if (previous) previous.remove();
    if (!token) return;
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = "assistant_offer";
    input.value = token;
    input.setAttribute("data-kind", kind);
    form.appendChild(input);
  }

  window.datelineAssistant = { addSuggestButton: addSuggestButton, keepOffer: keepOffer };
})();
