// The main menu on a phone: folded behind a "Menu" button, so a page starts with its own content.
// Without JavaScript the button stays hidden and the menu open (templates/base.html).
// Also: Escape, or a click elsewhere on the page, closes the open "Weergave" panel (a <details>, which opens and
// closes without JavaScript too).
(function () {
  "use strict";
  var display = document.querySelector(".display-switch");
  if (display) {
    display.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && display.open) {
        display.open = false;
        display.querySelector("summary").focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (display.open && !display.contains(event.target)) {
        display.open = false;
      }
    });
  }
  var button = document.querySelector(".menu-toggle");
  var nav = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!nav) {
    return;
  }

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("is-open", open);
  }

  button.hidden = false;
  document.documentElement.classList.add("menu-ready");
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  // Escape closes the open menu and puts the focus back on its button.
  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && nav.classList.contains("is-open")) {
      setOpen(false);
      button.focus();
    }
  });
})();
