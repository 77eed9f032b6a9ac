/* One step at a time on the pearl form (with JavaScript). Without it, all steps show as one form.
   After a server error the form opens at the step with the first error. */
(function () {
  "use strict";
  var form = document.getElementById("pk-form");
  if (!form || form.dataset.steps !== "true") { return; }
  var steps = Array.prototype.slice.call(form.querySelectorAll("fieldset.pk-step"));
  var submitRow = document.getElementById("pk-submit-row");
  if (steps.length < 2 || !submitRow) { return; }
  var current = 0;

  function focusFirst(step) {
    var visible = function (el) { return el.offsetParent !== null; };
    var errors = Array.prototype.filter.call(
      step.querySelectorAll(".field--error input, .field--error textarea, .field--error select"), visible
    );
    var fields = Array.prototype.filter.call(
      step.querySelectorAll("input:not([type=hidden]):not([disabled]), textarea, select, button"), visible
    );
    var field = errors[0] || fields[0];
    if (field) { field.focus(); }
  }

  function show(index, moveFocus) {
    current = index;
    steps.forEach(function (step, i) { step.hidden = i !== index; });
    submitRow.hidden = index !== steps.length - 1;
    document.dispatchEvent(new CustomEvent("pk:step", { detail: { index: index } }));
    if (moveFocus) { focusFirst(steps[index]); }
  }

  steps.forEach(function (step, i) {
    var nav = document.createElement("div");
    nav.className = "pk-step-nav";
    if (i > 0) {
      var back = document.createElement("button");
      back.type = "button";
      back.className = "button button--secondary";
      back.textContent = form.dataset.backLabel;
      back.addEventListener("click", function () { show(i - 1, true); });
      nav.appendChild(back);
    }
    if (i < steps.length - 1) {
      var next = document.createElement("button");
      next.type = "button";
      next.className = "button";
      next.textContent = form.dataset.nextLabel;
      next.addEventListener("click", function () { show(i + 1, true); });
      nav.appendChild(next);
    }
    step.appendChild(nav);
  });

  var firstError = steps.findIndex(function (step) { return step.querySelector(".field--error"); });
  show(firstError >= 0 ? firstError : 0, firstError >= 0);
})();
