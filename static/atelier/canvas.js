// Progressive enhancement for the canvas editor: after adding, editing or moving a note, put the keyboard
// focus back on that block's "new note" field, so work can go on without hunting for it.
(function () {
  "use strict";
  function focusBlock() {
    var hash = window.location.hash;
    if (!hash || hash.indexOf("#vak-") !== 0) {
      return;
    }
    var block = document.getElementById(hash.slice(1));
    var field = block && block.querySelector(".note-add input[type=text]");
    if (field) {
      field.focus();
    }
  }
  if (document.readyState === "complete") {
    focusBlock();
  } else {
    window.addEventListener("load", focusBlock);
  }
})();
