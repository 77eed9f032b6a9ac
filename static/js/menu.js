// The main menu on a phone: folded behind a "Menu" button, so a page starts with its own content.
// Without JavaScript the button stays hidden and the menu open (templates/base.html).
// The folding itself is CSS (site.css, "scripting: enabled"), so it holds from the first paint and nothing jumps
// when this deferred script runs; html.menu-ready does the same for browsers without that media query.
// The buttons are handled through the document.
// Also: Escape, or a click elsewhere on the page, closes the open "Weergave" panel (a <details>, which opens and
// closes without JavaScript too).
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("menu-ready");

  function parts() {
    var button = document.querySelector(".menu-toggle");
    var nav = button && document.getElementById(button.getAttribute("aria-controls"));
    return nav ? { button: button, nav: nav } : null;
  }

  function setOpen(menu, open) {
    menu.button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.nav.classList.toggle("is-open", open);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var menu = parts();
    if (menu) {
      menu.button.hidden = false;
    } else {
      root.classList.remove("menu-ready");
    }
  });

  document.addEventListener("click", function (event) {
    var display = document.querySelector(".display-switch");
    if (display && display.open && !display.contains(event.target)) {
      display.open = false;
    }
    var menu = parts();
    if (menu && menu.button.contains(event.target)) {
      setOpen(menu, menu.button.getAttribute("aria-expanded") !== "true");
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var display = document.querySelector(".display-switch");
    if (display && display.open && display.contains(event.target)) {
      display.open = false;
      display.querySelector("summary").focus();
      return;
    }
    // Escape closes the open menu and puts the focus back on its button.
    var menu = parts();
    if (menu && menu.nav.classList.contains("is-open") && menu.nav.contains(event.target)) {
      setOpen(menu, false);
      menu.button.focus();
    }
  });
})();
