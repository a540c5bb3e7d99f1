// The rich-text editor writes its value into the form a quarter of a second after the last
// keystroke. An editor who types and presses "Publish" at once would post an empty update: the
// value is written now, before the form goes.
document.addEventListener(
  "submit",
  function (event) {
    event.target.querySelectorAll("input[data-draftail-input]").forEach(function (input) {
      if (input.draftailEditor && input.draftailEditor.saveState) input.draftailEditor.saveState();
    });
  },
  true
);
