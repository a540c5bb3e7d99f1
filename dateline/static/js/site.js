// The phone menu and the copy-link button. Without JavaScript the menu stays open
// (no-script.css) and the button stays hidden; every other link works as a plain link.
(function () {
  var toggle = document.querySelector(".menu-toggle");
  var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (menu) {
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("is-open", open);
    });
  }

  var status = document.querySelector(".share__status");
  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    if (!navigator.clipboard || !status) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy-link")).then(
        function () { status.textContent = "Link copied."; },
        function () { status.textContent = "Could not copy the link: copy it from the address bar."; }
      );
    });
  });
})();
