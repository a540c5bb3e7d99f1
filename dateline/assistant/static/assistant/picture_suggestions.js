// "Suggested pictures" beside a story's hero image field: the library's pictures that fit the
// story, from the assistant's view, and a button on each that makes it the hero image. Nothing
// shows once the story has a hero image; a story not yet saved is asked to be saved first, since
// the suggestions read the story as stored.
(function () {
  var script = document.currentScript;
  var suggestionsUrl = script && script.dataset.suggestionsUrl;

  function start() {
    var input = document.querySelector("input[name=hero_image]");
    var chooser = input && document.getElementById(input.id + "-chooser");
    var field = input && input.closest("[data-contentpath=hero_image]");
    if (!suggestionsUrl || !chooser || !field) return;
    var storyId = (window.location.pathname.match(/\/pages\/(\d+)\/edit\/$/) || [])[1];

    var panel = document.createElement("section");
    panel.className = "picture-suggestions";
    panel.setAttribute("aria-labelledby", "picture-suggestions-heading");
    panel.innerHTML =
      '<h3 class="picture-suggestions__heading" id="picture-suggestions-heading">Suggested pictures</h3>' +
      '<div class="picture-suggestions__body" aria-live="polite"></div>';
    var body = panel.querySelector(".picture-suggestions__body");
    field.insertAdjacentElement("afterend", panel);
    var loaded = false;

    function note(text) {
      body.innerHTML = "";
      var paragraph = document.createElement("p");
      paragraph.className = "picture-suggestions__note";
      paragraph.textContent = text;
      body.appendChild(paragraph);
    }

    function load() {
      if (loaded) return;
      loaded = true;
      if (!storyId) {
        note("Save a draft to see pictures from the library that fit this story.");
        return;
      }
      note("Looking for pictures that fit this story…");
      fetch(suggestionsUrl + "?story=" + storyId, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (html) {
          body.innerHTML = html;
        })
        .catch(function () {
          loaded = false;
          note("Suggested pictures could not be loaded. Choose one with “Choose an image”.");
        });
    }

    // Only a story without a hero image is offered pictures.
    function update() {
      panel.hidden = Boolean(input.value);
      if (!panel.hidden) load();
    }

    // What Wagtail's image chooser does when an image is chosen in its modal.
    function choose(button) {
      var data = button.dataset;
      input.setAttribute("value", data.id);
      input.value = data.id;
      var title = chooser.querySelector("[data-chooser-title]");
      if (title) title.textContent = data.title;
      var preview = chooser.querySelector("[data-chooser-image]");
      if (preview) {
        preview.setAttribute("src", data.previewUrl);
        preview.setAttribute("width", data.previewWidth);
        preview.setAttribute("height", data.previewHeight);
        preview.setAttribute("data-default-alt-text", data.defaultAltText);
      }
      var editLink = chooser.querySelector("[data-chooser-edit-link]");
      if (editLink) {
        editLink.setAttribute("href", data.editUrl);
        editLink.hidden = false;
      }
      chooser.classList.remove("blank");
      // The signed offer goes with the story: saving it with this picture records the choice.
      var form = input.closest("form");
      var previous = form.querySelector("input[name='assistant_offer'][data-kind='picture']");
      if (previous) previous.remove();
      var offer = document.createElement("input");
      offer.type = "hidden";
      offer.name = "assistant_offer";
      offer.value = data.offer;
      offer.setAttribute("data-kind", "picture");
      form.appendChild(offer);
      input.dispatchEvent(new Event("change", { bubbles: true }));
      chooser.querySelector("[data-chooser-action-choose]").focus();
    }

    panel.addEventListener("click", function (event) {
      var button = event.target.closest("[data-picture-choice]");
      if (button) choose(button);
    });
    input.addEventListener("change", update);
    update();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
