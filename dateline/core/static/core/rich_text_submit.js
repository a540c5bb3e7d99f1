// Draftail, the admin's rich-text editor, writes its value into the form a quarter of a second
// after the last keystroke. An editor who types and at once presses "Publish" (a story, a live
// update) would post the text as it was before: every editor's value is written now, before the
// form goes.
document.addEventListener(
  "submit",
  function (event) {
    // Draftail keeps its value in a hidden input it attaches itself to (a form field's, or a
    // StreamField block's).
    event.target.querySelectorAll("input[type=hidden]").forEach(function (input) {
      if (input.draftailEditor && input.draftailEditor.saveState) input.draftailEditor.saveState();
    });
  },
  true
);
