// Progressive enhancement for the canvas editor: after adding, editing or moving a note, put the keyboard
// focus back on that block's "new note" field or on the moved note, so work can go on without hunting for it.
(function () {
  "use strict";
  var hash = window.location.hash;
  if (!hash || hash.indexOf("#vak-") !== 0) {
    return;
  }
  var block = document.getElementById(hash.slice(1));
  if (!block) {
    return;
  }
  var field = block.querySelector(".note-add input[type=text]");
  if (field) {
    field.focus({ preventScroll: false });
  }
})();
