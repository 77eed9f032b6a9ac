// Progressive enhancement for the canvas editor. After adding a note, the keyboard focus goes back to that
// block's "new note" field; after moving a note, to that note's actions, so work can go on without hunting.
(function () {
  "use strict";
  function restoreFocus() {
    var hash = window.location.hash;
    var target = hash ? document.getElementById(hash.slice(1)) : null;
    if (!target) {
      return;
    }
    var field = null;
    if (hash.indexOf("#vak-") === 0) {
      field = target.querySelector(".note-add input[type=text]");
    } else if (hash.indexOf("#kaartje-") === 0) {
      field = target.querySelector("summary");
    }
    if (field) {
      field.focus();
    }
  }
  if (document.readyState === "complete") {
    restoreFocus();
  } else {
    window.addEventListener("load", restoreFocus);
  }
})();
