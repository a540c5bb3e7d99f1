// Counts one view of this story. No cookie is set and nothing identifies the reader.
(function () {
  var story = document.querySelector("[data-story]");
  if (!story || !navigator.sendBeacon) return;
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
  function send() {
    var data = new URLSearchParams({ story: story.getAttribute("data-story") });
    navigator.sendBeacon("/beacon/", data);
  }
})();
