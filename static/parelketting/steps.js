/* One step at a time on the pearl form (with JavaScript). Without it, all steps show as one form and the server
   checks everything at once.
   "Volgende stap" first checks the step's own questions (required, e-mail format, the place, the photo's size and
   kind) with the form's own messages (data-* attributes the server wrote). Problems are shown the GOV.UK way, in
   the same markup as after a server check: the error summary (wijk/_error_summary.html) above the form gets focus
   and links to each field; each field gets its message (ul.errorlist#<id>_errors), aria-describedby and
   aria-invalid. After a server error the form opens at the step with the first error. */
(function () {
  "use strict";
  var form = document.getElementById("pk-form");
  if (!form || form.dataset.steps !== "true") { return; }
  var steps = Array.prototype.slice.call(form.querySelectorAll("fieldset.pk-step"));
  var submitRow = document.getElementById("pk-submit-row");
  if (steps.length < 2 || !submitRow) { return; }
  var current = 0;

  // The summary's markup: the server's own summary, else the empty copy the page carries in a <template>.
  var model = document.getElementById("fouten");
  var modelTemplate = document.getElementById("fouten-model");
  if (model) {
    model = model.cloneNode(true);
  } else if (modelTemplate) {
    model = modelTemplate.content.firstElementChild.cloneNode(true);
  }
  if (model) {
    model.removeAttribute("autofocus");
    model.querySelector("ul").textContent = "";
  }

  function visible(el) { return el.offsetParent !== null; }
  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }

  function focusFirstError(step) {
    var errors = all(step, ".field--error input, .field--error textarea, .field--error select").filter(visible);
    if (errors[0]) { errors[0].focus(); return true; }
    return false;
  }

  function show(index, moveFocus) {
    current = index;
    steps.forEach(function (step, i) { step.hidden = i !== index; });
    submitRow.hidden = index !== steps.length - 1;
    document.dispatchEvent(new CustomEvent("pk:step", { detail: { index: index } }));
    if (moveFocus && !focusFirstError(steps[index])) {
      // The step itself: a screen reader reads its legend ("Stap 2 van 4: waar is het?"); the next Tab goes to
      // its first question, the map included. A step taller than the screen (the map) would be centred by the
      // browser, with its heading out of sight: the page scrolls to the heading instead.
      steps[index].focus({ preventScroll: true });
      var heading = steps[index].querySelector("legend") || steps[index];
      heading.scrollIntoView({ block: "start" });
    }
  }

  // --- Checking one step --------------------------------------------------------------------------------------

  function baseId(input) {
    return input.type === "radio" || input.type === "checkbox" && input.id.match(/_\d+$/)
      ? input.id.replace(/_\d+$/, "") : input.id;
  }

  function currentKind() {
    var checked = form.querySelector("input[name=kind]:checked");
    return checked ? checked.value : form.dataset.kind || "";
  }

  function checkStep(step) {
    var problems = [];
    var seen = {};
    all(step, "[data-required]").filter(visible).forEach(function (input) {
      if (input.disabled || seen[input.name]) { return; }
      seen[input.name] = true;
      var empty;
      if (input.type === "radio" || input.type === "checkbox") {
        empty = !form.querySelector("input[name='" + input.name + "']:checked");
      } else {
        empty = input.value.trim() === "";
      }
      if (empty) { problems.push({ input: input, message: input.dataset.required }); }
    });
    all(step, "[data-invalid]").filter(visible).forEach(function (input) {
      var value = input.value.trim();
      if (value && !seen[input.name] && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
        problems.push({ input: input, message: input.dataset.invalid });
      }
    });
    all(step, "input[type=file][data-max-bytes]").filter(visible).forEach(function (input) {
      var file = input.files && input.files[0];
      if (!file) { return; }
      var accepted = (input.getAttribute("accept") || "").split(",");
      if (file.type && accepted.indexOf(file.type) < 0) {
        problems.push({ input: input, message: input.dataset.wrongType });
      } else if (file.size > parseInt(input.dataset.maxBytes, 10)) {
        problems.push({ input: input, message: input.dataset.tooLarge });
      }
    });
    var where = step.querySelector("[data-location-required]");
    if (where && visible(where) && currentKind() === "place") {
      var picker = document.getElementById("pk-picker");
      var lat = picker && document.getElementById(picker.dataset.latInput);
      var street = form.querySelector("select[name=street]");
      if (!(lat && lat.value) && !(street && street.value) && !where.value.trim()) {
        problems.push({ input: where, message: where.dataset.locationRequired });
      }
    }
    return problems;
  }

  // --- Showing the problems in the server's markup --------------------------------------------------------------

  function describedBy(el, add, remove) {
    var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
      return id && id !== remove;
    });
    if (add) { ids.push(add); }
    if (ids.length) { el.setAttribute("aria-describedby", ids.join(" ")); } else { el.removeAttribute("aria-describedby"); }
  }

  function clearStep(step) {
    all(step, "ul.errorlist").forEach(function (list) {
      var id = list.id;
      all(step, "[aria-describedby]").forEach(function (el) { describedBy(el, "", id); });
      list.parentNode.removeChild(list);
    });
    all(step, ".field--error").forEach(function (el) { el.classList.remove("field--error"); });
    all(step, "[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
  }

  function markField(problem) {
    var input = problem.input;
    var group = input.type === "radio" || input.type === "checkbox" && /_\d+$/.test(input.id);
    var container = group ? input.closest("fieldset.field") : input.closest(".field");
    if (!container) { return; }
    var id = baseId(input) + "_errors";
    var list = document.createElement("ul");
    list.className = "errorlist";
    list.id = id;
    var item = document.createElement("li");
    item.textContent = problem.message;
    list.appendChild(item);
    // Where wijk/_field.html puts it: after the label or legend and the hint, before the answer.
    var before = Array.prototype.filter.call(container.children, function (child) {
      return !child.matches("legend, label, .hint");
    })[0];
    container.insertBefore(list, before || null);
    container.classList.add("field--error");
    if (group) {
      describedBy(container, id, id);
    } else {
      describedBy(input, id, id);
      input.setAttribute("aria-invalid", "true");
    }
  }

  function linkTarget(input) {
    return input.type === "radio" ? form.querySelector("input[name='" + input.name + "']").id : input.id;
  }

  function showSummary(problems) {
    var old = document.getElementById("fouten");
    if (old) { old.parentNode.removeChild(old); }
    if (!problems.length || !model) { return; }
    var summary = model.cloneNode(true);
    var list = summary.querySelector("ul");
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + linkTarget(problem.input);
      link.textContent = problem.message;
      item.appendChild(link);
      list.appendChild(item);
    });
    form.parentNode.insertBefore(summary, form);
    summary.focus();
  }

  function stepChecked(step) {
    clearStep(step);
    var problems = checkStep(step);
    problems.forEach(markField);
    showSummary(problems);
    return problems.length === 0;
  }

  // --- The buttons ----------------------------------------------------------------------------------------------

  steps.forEach(function (step, i) {
    step.setAttribute("tabindex", "-1");
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
      next.addEventListener("click", function () {
        if (stepChecked(step)) { show(i + 1, true); }
      });
      nav.appendChild(next);
    }
    step.appendChild(nav);
  });

  form.addEventListener("submit", function (event) {
    if (!stepChecked(steps[current])) { event.preventDefault(); }
  });

  // A link in the summary opens the step of its field and puts the focus in it (the page does not jump away).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
    if (!link) { return; }
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target || !form.contains(target) || target === form) { return; }
    var index = steps.findIndex(function (step) { return step.contains(target); });
    if (index < 0) { return; }
    event.preventDefault();
    if (index !== current) { show(index, false); }
    target.focus();
    var label = form.querySelector("label[for='" + target.id + "']");
    (label || target).scrollIntoView({ block: "center" });
  });

  var firstError = steps.findIndex(function (step) { return step.querySelector(".field--error"); });
  show(firstError >= 0 ? firstError : 0, false);
  if (firstError >= 0 && !document.getElementById("fouten")) { focusFirstError(steps[firstError]); }
})();
