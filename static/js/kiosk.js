// Kiosk mode: after a minute without input the tablet goes back to the kiosk home, so the next
// visitor never sees what the previous one typed. Loaded only in kiosk mode (wijk/kiosk.py).
(function () {
  "use strict";
  var script = document.currentScript;
  var home = script.getAttribute("data-kiosk-home") || "/kiosk/";
  var seconds = parseInt(script.getAttribute("data-idle-seconds"), 10) || 60;
  var timer = null;

  function reset() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      window.location.replace(home);
    }, seconds * 1000);
  }

  ["keydown", "pointerdown", "touchstart", "scroll", "input", "wheel"].forEach(function (name) {
    window.addEventListener(name, reset, { passive: true, capture: true });
  });
  // A page shown again from the browser history starts empty.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      window.location.replace(home);
    }
  });
  reset();
})();
