// Live coverage: asks for changes every few seconds while the page is visible. New updates wait
// behind a "N new updates" button, so the page never moves under the reader; edited and deleted
// updates change in place. Without this script the page is complete as served.
(function () {
  var root = document.querySelector("[data-live-story]");
  if (!root || root.getAttribute("data-live-archive") || root.getAttribute("data-live-running") !== "true") return;
  if (!window.fetch || !window.JSON) return;

  var endpoint = root.getAttribute("data-live-endpoint");
  var version = root.getAttribute("data-live-version");
  var interval = Math.max(1, parseFloat(root.getAttribute("data-live-poll")) || 5) * 1000;
  var stream = root.querySelector(".live__updates");
  var pinnedBox = root.querySelector(".live__pinned");
  var pinned = root.querySelector(".live__pinned-update");
  var keyEvents = root.querySelector(".live__key-events");
  var button = root.querySelector(".live__new-button");
  var status = root.querySelector(".live__status");
  var waiting = []; // [{id, html}] oldest first
  var failures = 0;
  var timer = null;

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function byId(id) {
    return stream.querySelector('[data-update="' + id + '"]');
  }

  function newestShown() {
    var first = stream.querySelector("[data-published]");
    return first ? Date.parse(first.getAttribute("data-published")) : -Infinity;
  }

  function apply(update) {
    var shown = byId(update.id);
    var queued = waiting.filter(function (entry) { return entry.id === update.id; })[0];
    if (update.state !== "published") {
      if (shown) shown.remove();
      if (queued) waiting.splice(waiting.indexOf(queued), 1);
      return;
    }
    if (shown) {
      shown.replaceWith(fragment(update.html));
    } else if (queued) {
      queued.html = update.html;
    } else if (Date.parse(update.published_at) > newestShown()) {
      // Anything older is on an older-updates page, not news to this reader.
      waiting.push({ id: update.id, html: update.html });
    }
  }

  function showButton() {
    if (!waiting.length) {
      button.hidden = true;
      return;
    }
    button.textContent = waiting.length === 1 ? "1 new update" : waiting.length + " new updates";
    button.hidden = false;
  }

  button.addEventListener("click", function () {
    var empty = stream.querySelector(".live__empty");
    if (empty) empty.remove();
    var newest = null;
    waiting.forEach(function (entry) {
      newest = fragment(entry.html);
      stream.insertBefore(newest, stream.firstElementChild);
    });
    waiting = [];
    showButton();
    if (newest) newest.focus();
  });

  function ended() {
    status.textContent = "";
    var badge = document.createElement("span");
    badge.className = "badge-ended";
    badge.textContent = "Coverage ended";
    status.appendChild(badge);
    document.querySelectorAll(".story__header .badge-live").forEach(function (node) { node.remove(); });
  }

  function receive(answer) {
    answer.updates.forEach(apply);
    if (answer.updates.length) {
      pinned.innerHTML = answer.pinned_html || "";
      pinnedBox.hidden = !answer.pinned_html;
      keyEvents.innerHTML = answer.key_events_html || "";
    }
    version = String(answer.version);
    root.setAttribute("data-live-version", version);
    showButton();
    if (answer.poll_seconds) interval = Math.max(1, answer.poll_seconds) * 1000;
    return !answer.ended;
  }

  function poll() {
    timer = null;
    if (document.hidden) return;
    fetch(endpoint + "?since=" + encodeURIComponent(version), { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (answer) {
        failures = 0;
        if (receive(answer)) schedule(interval);
        else ended();
      })
      .catch(function () {
        failures += 1;
        schedule(Math.min(60000, interval * Math.pow(2, failures)));
      });
  }

  function schedule(delay) {
    if (timer === null) timer = setTimeout(poll, delay);
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) schedule(0);
  });
  schedule(interval);
})();
