/* unrolled present mode: a page's steppers, quizzes and slides as a deck for a projector.
 *
 * Every step of every [data-stepper] figure is one slide; a decoder step is preceded by a
 * predict slide that hides the prediction until the next key (?predict=gates also asks
 * about the forget gate before each step, ?predict=off asks nothing); a [data-quiz] becomes a
 * question slide and an answer slide; a [data-slide] is one slide. The P key or a figure's
 * Present button opens a full-viewport dialog (and asks for full screen when the browser
 * allows it). Keys: Right, Space, PageDown next; Left, PageUp previous; Home, End; a number
 * then Enter jumps; N notes; B blanks; C high contrast; F full screen; I class input (on a
 * figure with a live field: type the room's suggestion, the figure is traced again in the
 * page and its slides rebuilt); Esc leaves. The URL holds the slide
 * (#present/<figure-id>/<step>, or ?present=<figure-id>/<step>), so a reload or a shared
 * link returns to it. ?focus=gates,cell hides every panel not named (data-panel), on any
 * page. One polite live region reads each slide: its announcement and its narration.
 * Runs after stepper.js; no framework, no network. */
(function () {
  "use strict";

  var query = new URLSearchParams(location.search);
  var slides = [];
  var byId = {};
  var ui = null;
  var state = { on: false, index: 0, item: null, typed: "", placeholder: null, fullscreen: false };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function words(node) { return node ? node.textContent.replace(/\s+/g, " ").trim() : ""; }

  /* ?focus=a,b: hide every [data-panel] that neither names a focused panel nor sits inside
   * or around one that does. */
  function applyFocus() {
    var focus = (query.get("focus") || "").split(/[\s,]+/).filter(Boolean);
    if (!focus.length) return;
    document.documentElement.setAttribute("data-focus", focus.join(" "));
    var panels = Array.prototype.slice.call(document.querySelectorAll("[data-panel]"));
    function matches(node) {
      return node.getAttribute("data-panel").split(" ").some(function (name) { return focus.indexOf(name) >= 0; });
    }
    panels.forEach(function (panel) {
      var keep = matches(panel);
      for (var up = panel.parentElement; !keep && up; up = up.parentElement) {
        if (up.hasAttribute("data-panel") && matches(up)) keep = true;
      }
      if (!keep) keep = Array.prototype.some.call(panel.querySelectorAll("[data-panel]"), matches);
      panel.classList.toggle("panel-off", !keep);
    });
  }

  /* The deck: document order of steppers, quizzes and plain slides. */
  function collect() {
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-stepper], [data-quiz], [data-slide]"));
    // ?predict=off, =tokens (the default), =gates, =tokens,gates
    var asked = (query.get("predict") || "tokens").split(/[\s,]+/);
    var predictTokens = asked.indexOf("tokens") >= 0, predictGates = asked.indexOf("gates") >= 0;
    items.forEach(function (item) {
      if (!item.id) return;
      if (item.hasAttribute("data-slide") && item.querySelector("[data-stepper], [data-quiz]")) return;
      var outer = item.parentElement && item.parentElement.closest("[data-stepper], [data-quiz]");
      if (outer) return;
      if (item.hasAttribute("data-stepper")) {
        var steps = Array.prototype.slice.call(item.querySelectorAll(":scope > ol.steps > li.step"));
        steps.forEach(function (step, i) {
          var anchor = step.getAttribute("data-step");
          if (predictGates && step.querySelector(".node[data-panel~='gates'], .gate-means")) {
            add({ kind: "predict-gate", item: item, step: step, stepIndex: i, id: item.id + "/" + anchor + "/predict-gate" });
          }
          if (predictTokens && /^(decoder|forced)-/.test(anchor) && step.querySelector(".predictions")) {
            add({ kind: "predict", item: item, step: step, stepIndex: i, id: item.id + "/" + anchor + "/predict" });
          }
          add({ kind: "step", item: item, step: step, stepIndex: i, id: item.id + "/" + anchor });
        });
      } else if (item.hasAttribute("data-quiz")) {
        add({ kind: "question", item: item, id: item.id + "/question" });
        add({ kind: "answer", item: item, id: item.id + "/answer" });
      } else {
        add({ kind: "slide", item: item, id: item.id });
      }
    });
  }

  function add(slide) {
    slide.number = slides.length;
    slide.heading = headingOf(slide); // before the item moves into the stage
    slides.push(slide);
    byId[slide.id] = slide;
  }

  function button(label, glyph, key, action, pressed) {
    var b = el("button", { type: "button", "class": "present-btn", "aria-label": label, title: label + (key ? " (" + key + ")" : "") });
    b.appendChild(el("span", { "aria-hidden": "true" }, glyph));
    if (pressed !== undefined) b.setAttribute("aria-pressed", "false");
    b.addEventListener("click", action);
    return b;
  }

  function buildUI() {
    var root = el("div", { "class": "present", role: "dialog", "aria-modal": "true", "aria-labelledby": "present-title", tabindex: "-1", hidden: "" });
    var bar = el("div", { "class": "present-bar" });
    var title = el("p", { "class": "present-title", id: "present-title" });
    var count = el("p", { "class": "present-count" });
    var position = el("span", { "class": "present-position" });
    var typed = el("span", { "class": "present-typed", "aria-live": "off" });
    count.appendChild(position);
    count.appendChild(typed);
    var tools = el("div", { "class": "present-tools", role: "group", "aria-label": "Present mode" });
    var buttons = {
      prev: button("Previous slide", "‹", "Left", function () { go(state.index - 1); }),
      next: button("Next slide", "›", "Right", function () { go(state.index + 1); }),
      notes: button("Presenter notes", "Notes", "N", function () { toggleNotes(); }, false),
      contrast: button("High contrast", "Contrast", "C", function () { toggleContrast(); }, false),
      blank: button("Blank the screen", "Blank", "B", function () { toggleBlank(); }, false),
      full: button("Full screen", "Full screen", "F", function () { toggleFullscreen(); }, false),
      ask: button("Class input: trace the room's suggestion", "Input", "I", function () { openAsk(); }),
      exit: button("Leave present mode", "✕ Exit", "Esc", function () { leave(); }),
    };
    if (!document.querySelector("form[data-live-model]")) buttons.ask.hidden = true;
    Object.keys(buttons).forEach(function (key) { tools.appendChild(buttons[key]); });
    bar.appendChild(title);
    bar.appendChild(count);
    bar.appendChild(tools);
    var progress = el("div", {
      "class": "present-progress", role: "progressbar", "aria-label": "Progress through the slides", "aria-valuemin": "1",
    });
    var fill = el("span", { "class": "present-progress-fill" });
    progress.appendChild(fill);
    var stage = el("div", { "class": "present-stage" });
    var prompt = el("p", { "class": "present-prompt", hidden: "" });
    stage.appendChild(prompt);
    var notes = el("aside", { "class": "present-notes", "aria-labelledby": "present-notes-h", hidden: "" });
    notes.appendChild(el("h2", { id: "present-notes-h", "class": "present-notes-title" }, "Presenter notes"));
    var notesBody = el("div", { "class": "present-notes-body" });
    notes.appendChild(notesBody);
    var live = el("p", { "class": "present-live vh", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    var blank = el("div", { "class": "present-blank", hidden: "" });
    blank.appendChild(el("p", { "class": "vh" }, "The screen is blank. Press B to show the slide again."));
    /* Class input: the teacher types the room's suggestion and the figure on the slide is
       traced again for it, in the page (live.js), and its slides rebuilt. */
    var ask = el("form", { "class": "present-ask", "aria-label": "Class input", hidden: "" });
    ask.appendChild(el("label", { "for": "present-ask-input" }, "An input from the room"));
    var askInput = el("input", { id: "present-ask-input", type: "text", autocomplete: "off", spellcheck: "false" });
    ask.appendChild(askInput);
    ask.appendChild(el("button", { type: "submit", "class": "present-btn" }, "Trace it"));
    var askCancel = el("button", { type: "button", "class": "present-btn" }, "Cancel");
    askCancel.addEventListener("click", function () { closeAsk(); });
    ask.appendChild(askCancel);
    var askError = el("p", { "class": "live-error", role: "alert", hidden: "" });
    ask.appendChild(askError);
    ask.addEventListener("submit", function (event) { event.preventDefault(); traceAsked(); });
    [bar, ask, progress, stage, notes, live, blank].forEach(function (node) { root.appendChild(node); });
    document.body.appendChild(root);
    ui = {
      root: root, title: title, position: position, typed: typed, buttons: buttons, progress: progress, fill: fill,
      stage: stage, prompt: prompt, notes: notes, notesBody: notesBody, live: live, blank: blank,
      ask: ask, askInput: askInput, askError: askError,
    };
  }

  /* Moves the presented figure, quiz or slide into the stage, leaving a placeholder. */
  function bring(item) {
    if (state.item === item) return;
    putBack();
    state.placeholder = el("span", { "class": "present-placeholder", hidden: "" });
    item.parentNode.insertBefore(state.placeholder, item);
    ui.stage.appendChild(item);
    item.classList.add("is-presenting");
    state.item = item;
  }

  function putBack() {
    if (!state.item) return;
    var item = state.item;
    item.classList.remove("is-presenting", "is-asking", "is-answered");
    Array.prototype.forEach.call(item.querySelectorAll(".is-future, .is-answer"), function (node) {
      node.classList.remove("is-future", "is-answer");
    });
    Array.prototype.forEach.call(item.querySelectorAll("[data-reveal]"), function (node) {
      if (node.tagName === "DETAILS") node.open = false;
    });
    state.placeholder.parentNode.replaceChild(item, state.placeholder);
    state.item = null;
    state.placeholder = null;
  }

  function headingOf(slide) {
    var section = slide.item.closest("section[aria-labelledby]");
    var heading = section ? document.getElementById(section.getAttribute("aria-labelledby")) : null;
    if (slide.kind === "slide") return words(heading) || slide.id;
    var caption = slide.item.querySelector("figcaption, .quiz-question");
    return words(heading) || words(caption);
  }

  /* The narration of a step, as text: the setup (all but the outcome) or the outcome. */
  function narration(step, part) {
    var node = step.querySelector(".narration");
    if (!node) return "";
    var outcome = node.querySelector(".narration-outcome");
    if (part === "outcome") return words(outcome);
    var setup = node.cloneNode(true);
    var held = setup.querySelector(".narration-outcome");
    if (held) held.parentNode.removeChild(held);
    return words(setup);
  }

  function notesFor(slide) {
    var html = "";
    if (slide.step) {
      var setup = narration(slide.step, "setup"), outcome = narration(slide.step, "outcome");
      if (setup) html += "<p class=\"present-narration\"></p>";
      if (outcome) html += "<p class=\"present-outcome\"></p>";
    }
    ui.notesBody.innerHTML = html;
    if (slide.step) {
      var p = ui.notesBody.querySelector(".present-narration");
      if (p) p.textContent = narration(slide.step, "setup");
      var o = ui.notesBody.querySelector(".present-outcome");
      if (o) o.textContent = (slide.kind === "predict" ? "Answer: " : "") + narration(slide.step, "outcome");
      if (p && slide.kind === "predict-gate") p.textContent = "Answer: " + p.textContent;
    }
    if (slide.kind === "question") {
      var answer = answerChoice(slide.item);
      if (answer) ui.notesBody.appendChild(el("p", { "class": "present-outcome" }, "Answer: " + words(answer)));
    }
    var sources = Array.prototype.slice.call(slide.item.querySelectorAll("[data-notes]"));
    var elsewhere = document.querySelectorAll("[data-notes-for=\"" + CSS.escape(slide.item.id) + "\"]");
    sources = sources.concat(Array.prototype.slice.call(elsewhere));
    sources.forEach(function (source) {
      var body = source.querySelector(".notes-body") || source;
      var copy = body.cloneNode(true);
      Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (node) { node.removeAttribute("id"); });
      copy.removeAttribute("id");
      copy.classList.add("present-lesson-notes");
      ui.notesBody.appendChild(copy);
    });
    if (!ui.notesBody.childNodes.length) ui.notesBody.appendChild(el("p", {}, "No notes for this slide."));
  }

  function choices(quiz) {
    var marked = quiz.querySelectorAll("[data-choice]");
    return Array.prototype.slice.call(marked.length ? marked : quiz.querySelectorAll("li"));
  }

  function answerChoice(quiz) { return choices(quiz)[Number(quiz.getAttribute("data-answer"))]; }

  /* Decoder boxes after the current step keep their place but not their tokens, so the
   * overview does not give the next prediction away. */
  function markFuture(slide) {
    var order = Array.prototype.map.call(slide.item.querySelectorAll(":scope > ol.steps > li.step"), function (step) {
      return step.getAttribute("data-step");
    });
    Array.prototype.forEach.call(slide.item.querySelectorAll(".dec-box[data-for-step]"), function (box) {
      var at = order.indexOf(box.getAttribute("data-for-step"));
      // A decoder step this walk does not show (an encoder-only walk) is still to come.
      box.classList.toggle("is-future", at < 0 || at > slide.stepIndex);
    });
  }

  function spoken(slide) {
    var where = "Slide " + (slide.number + 1) + " of " + slides.length + ". ";
    switch (slide.kind) {
      case "predict-gate":
        return where + "Predict. " + words(slide.step.querySelector(".step-title")) +
          ". Will the forget gate be mostly open, above 0.8, mostly closed, below 0.2, or in between?";
      case "predict":
        return where + "Predict. " + words(slide.step.querySelector(".step-title")) + ". " + narration(slide.step, "setup") +
          " What will the decoder write next?";
      case "step":
        var setup = narration(slide.step, "setup"), outcome = narration(slide.step, "outcome");
        return where + (slide.step.getAttribute("data-announce") || words(slide.step.querySelector(".step-title"))) +
          (setup || outcome ? ". " + [setup, outcome].filter(Boolean).join(" ") : "");
      case "question":
        return where + "Question. " + words(slide.item.querySelector(".quiz-question")) + " Choices: " +
          choices(slide.item).map(words).join("; ") + ".";
      case "answer":
        var reveal = slide.item.querySelector("[data-reveal]");
        return where + "Answer: " + words(answerChoice(slide.item)) + ". " +
          words(reveal).replace(/^Answer\s*/, "");
      default:
        // A plain slide (a title, a summary) is short: read it whole after its heading.
        var text = words(slide.item);
        if (text.indexOf(slide.heading) === 0) text = text.slice(slide.heading.length).trim();
        if (text.length > 600) text = text.slice(0, 600) + "…";
        return where + (slide.item.getAttribute("data-announce") || slide.heading + (text ? ". " + text : ""));
    }
  }

  function go(index, options) {
    options = options || {};
    if (!slides.length) return;
    index = Math.max(0, Math.min(slides.length - 1, index));
    var slide = slides[index];
    state.index = index;
    bring(slide.item);
    var item = slide.item;
    ui.root.classList.toggle("is-predicting", slide.kind === "predict");
    ui.root.classList.toggle("is-predicting-gate", slide.kind === "predict-gate");
    item.classList.toggle("is-asking", slide.kind === "question");
    item.classList.toggle("is-answered", slide.kind === "answer");
    if (slide.step) {
      var stepper = item.unrolledStepper;
      if (stepper) stepper.go(slide.stepIndex, false, true);
      markFuture(slide);
    }
    if (slide.kind === "question" || slide.kind === "answer") {
      choices(item).forEach(function (choice) { choice.classList.remove("is-answer"); });
      var answer = answerChoice(item);
      if (answer && slide.kind === "answer") answer.classList.add("is-answer");
      Array.prototype.forEach.call(item.querySelectorAll("[data-reveal]"), function (node) {
        if (node.tagName === "DETAILS") node.open = slide.kind === "answer";
      });
    }
    var prompts = {
      predict: "Predict: what will the decoder write next? Press → to reveal.",
      "predict-gate": "Predict: will the forget gate be mostly open (above 0.8), mostly closed (below 0.2), or in between? Press → to reveal.",
      question: "Question for the class: press → for the answer.",
    };
    ui.prompt.hidden = !prompts[slide.kind];
    ui.prompt.textContent = prompts[slide.kind] || "";
    ui.title.textContent = slide.heading;
    ui.position.textContent = (index + 1) + " / " + slides.length;
    ui.progress.setAttribute("aria-valuemax", String(slides.length));
    ui.progress.setAttribute("aria-valuenow", String(index + 1));
    ui.progress.setAttribute("aria-valuetext", "slide " + (index + 1) + " of " + slides.length);
    ui.fill.style.width = (100 * (index + 1) / slides.length).toFixed(2) + "%";
    ui.buttons.prev.setAttribute("aria-disabled", String(index === 0));
    ui.buttons.next.setAttribute("aria-disabled", String(index === slides.length - 1));
    notesFor(slide);
    ui.live.textContent = spoken(slide);
    if (!options.keepHash) setHash("#present/" + slide.id);
  }

  function setHash(hash) {
    try { history.replaceState(null, "", hash || location.pathname + location.search); } catch (e) { /* file:// may refuse */ }
  }

  function enter(index, fromGesture) {
    if (!slides.length) return;
    if (!ui) buildUI();
    if (!state.on) {
      state.on = true;
      state.returnFocus = document.activeElement;
      Array.prototype.forEach.call(document.body.children, function (child) {
        if (child !== ui.root && !child.hasAttribute("inert")) { child.setAttribute("inert", ""); child.setAttribute("data-present-inert", ""); }
      });
      document.documentElement.classList.add("is-presenting");
      ui.root.hidden = false;
      try {
        if (sessionStorage.getItem("unrolled-contrast") === "high") setContrast(true);
      } catch (e) { /* storage may be off */ }
      if (fromGesture && query.get("fullscreen") !== "0") requestFullscreen();
    }
    go(index);
    ui.root.focus();
    if (document.activeElement !== ui.root) { ui.root.setAttribute("tabindex", "-1"); ui.root.focus(); }
  }

  /* Only after a key or a click: browsers refuse full screen otherwise. */
  function requestFullscreen() {
    if (!ui.root.requestFullscreen) return;
    var request = ui.root.requestFullscreen();
    if (request && request.then) {
      request.then(function () { state.fullscreen = true; }, function () { state.fullscreen = false; });
    }
  }

  function toggleFullscreen() {
    if (document.fullscreenElement && document.exitFullscreen) {
      state.fullscreen = false; // leaving full screen by F keeps present mode
      document.exitFullscreen().catch(function () {});
    } else {
      requestFullscreen();
    }
  }

  function leave() {
    if (!state.on) return;
    state.on = false;
    var item = state.item;
    putBack();
    setBlank(false);
    ui.root.hidden = true;
    ui.root.classList.remove("is-predicting", "is-predicting-gate");
    document.documentElement.classList.remove("is-presenting");
    Array.prototype.forEach.call(document.querySelectorAll("[data-present-inert]"), function (node) {
      node.removeAttribute("inert");
      node.removeAttribute("data-present-inert");
    });
    state.typed = "";
    ui.typed.textContent = "";
    if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    state.fullscreen = false;
    var slide = slides[state.index];
    setHash(slide && slide.step ? "#" + slide.step.id : "");
    var back = item && (item.hasAttribute("tabindex") ? item : item.querySelector("button, [tabindex]"));
    if (back) back.focus({ preventScroll: true });
    if (item) item.scrollIntoView({ block: "start" });
  }

  function toggleNotes() {
    ui.notes.hidden = !ui.notes.hidden;
    ui.buttons.notes.setAttribute("aria-pressed", String(!ui.notes.hidden));
    ui.root.classList.toggle("has-notes", !ui.notes.hidden);
  }

  function setContrast(on) {
    ui.root.classList.toggle("high-contrast", on);
    ui.buttons.contrast.setAttribute("aria-pressed", String(on));
    try { sessionStorage.setItem("unrolled-contrast", on ? "high" : "normal"); } catch (e) { /* storage may be off */ }
  }

  function toggleContrast() { setContrast(!ui.root.classList.contains("high-contrast")); }

  function setBlank(on) {
    if (!ui) return;
    ui.blank.hidden = !on;
    ui.root.classList.toggle("is-blank", on);
    ui.buttons.blank.setAttribute("aria-pressed", String(on));
    ui.live.textContent = on ? "Screen blanked." : ui.live.textContent;
  }

  function toggleBlank() {
    var on = ui.blank.hidden;
    setBlank(on);
    if (!on) ui.live.textContent = spoken(slides[state.index]);
  }

  function typing(text) {
    state.typed = text;
    ui.typed.textContent = text ? "go to " + text + "…" : "";
  }

  /* The input field that redraws the presented figure (it sits beside the figure's home,
     which the placeholder marks while the figure is on the stage), or null. */
  function liveFormFor() {
    var home = state.placeholder && state.placeholder.parentNode;
    var container = home && home.closest ? home.closest(".live-figure, .live-figures") : null;
    return container ? document.querySelector("form[data-live-output='" + container.id + "']") : null;
  }

  function openAsk() {
    var form = window.unrolledLive ? liveFormFor() : null;
    if (!form) { ui.live.textContent = "This slide has no input to trace again."; return; }
    state.askForm = form;
    ui.ask.hidden = false;
    ui.askError.hidden = true;
    ui.askInput.value = form.elements.input.value;
    ui.askInput.focus();
    ui.askInput.select();
  }

  function closeAsk() {
    ui.ask.hidden = true;
    state.askForm = null;
    ui.root.focus();
  }

  function traceAsked() {
    var form = state.askForm, slide = slides[state.index];
    if (!form || !slide) return;
    var itemId = slide.item.id, text = ui.askInput.value;
    putBack();
    form.elements.input.value = text;
    window.unrolledLive.run(form).then(function (outcome) {
      if (outcome.refused) {
        ui.askError.textContent = outcome.message;
        ui.askError.hidden = false;
        if (document.contains(slide.item)) { go(state.index, { keepHash: true }); return; }
        // The figures were redrawn before the failure: collect the slides again.
      }
      if (!outcome.refused) closeAsk();
      slides.length = 0;
      byId = {};
      collect();
      var index = 0;
      for (var i = 0; i < slides.length; i++) { if (slides[i].item.id === itemId) { index = i; break; } }
      go(index);
      if (!outcome.refused) ui.live.textContent = "Traced “" + text + "” for the class. " + spoken(slides[index]);
    });
  }

  function presentKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target && event.target.closest && event.target.closest(".present-ask")) {
      // Typing the room's input: only Escape leaves it; Enter submits the form.
      if (event.key === "Escape") { closeAsk(); event.preventDefault(); }
      event.stopPropagation();
      return;
    }
    var key = event.key;
    var handled = true;
    if (key === "ArrowRight" || key === " " || key === "PageDown") go(state.index + 1);
    else if (key === "ArrowLeft" || key === "PageUp") go(state.index - 1);
    else if (key === "Home") go(0);
    else if (key === "End") go(slides.length - 1);
    else if (/^[0-9]$/.test(key)) typing(state.typed + key);
    else if (key === "Backspace" && state.typed) typing(state.typed.slice(0, -1));
    else if (key === "Enter" && state.typed) { var n = Number(state.typed); typing(""); if (n >= 1) go(n - 1); }
    else if (key === "n" || key === "N") toggleNotes();
    else if (key === "b" || key === "B" || key === ".") toggleBlank();
    else if (key === "c" || key === "C") toggleContrast();
    else if (key === "f" || key === "F") toggleFullscreen();
    else if (key === "i" || key === "I") openAsk();
    else if (key === "Escape") leave();
    else if (key === "Tab") { trapTab(event); return; }
    else handled = false;
    if (handled) { event.preventDefault(); event.stopPropagation(); }
  }

  /* Tab stays inside the dialog. */
  function trapTab(event) {
    var focusable = Array.prototype.filter.call(
      ui.root.querySelectorAll("button, [href], input, select, summary, [tabindex]:not([tabindex='-1'])"),
      function (node) { return node.offsetParent !== null || node === document.activeElement; });
    if (!focusable.length) return;
    var first = focusable[0], last = focusable[focusable.length - 1];
    if (event.shiftKey && (document.activeElement === first || document.activeElement === ui.root)) {
      event.preventDefault(); last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault(); first.focus();
    }
  }

  function pageKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) || target.isContentEditable)) return;
    if (event.key !== "p" && event.key !== "P") return;
    event.preventDefault();
    enter(startingSlide(), true);
  }

  /* Where P starts: the focused stepper's current step, else the first item on screen. */
  function startingSlide() {
    var active = document.activeElement;
    var item = active && active.closest ? active.closest("[data-stepper], [data-quiz], [data-slide]") : null;
    if (!item) {
      item = slides.map(function (s) { return s.item; }).filter(function (candidate) {
        var box = candidate.getBoundingClientRect();
        return box.bottom > 0 && box.top < window.innerHeight;
      })[0];
    }
    return item ? slideIndexFor(item) : 0;
  }

  function slideIndexFor(item) {
    var stepper = item.unrolledStepper;
    var step = stepper ? stepper.steps[stepper.index] : null;
    for (var i = 0; i < slides.length; i++) {
      if (slides[i].item !== item) continue;
      if (!step || slides[i].step === step) return i;
    }
    return 0;
  }

  function addButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-stepper]"), function (figure) {
      if (!figure.id || !slides.some(function (s) { return s.item === figure; })) return;
      var b = el("button", { type: "button", "class": "step-btn present-open", title: "Present these steps full screen (P)" });
      b.appendChild(document.createTextNode("Present"));
      b.addEventListener("click", function () { enter(slideIndexFor(figure), true); });
      var controls = figure.querySelector(":scope > .stepper-controls");
      if (controls) controls.insertBefore(b, controls.querySelector(".slider-box"));
      else figure.insertBefore(b, figure.querySelector(":scope > ol.steps"));
    });
  }

  /* The URL's #fragment as text; a malformed escape (`page.html#%`) is taken as written
     instead of throwing a URIError that would stop the script. */
  function decodedHash() {
    var raw = location.hash.slice(1);
    try { return decodeURIComponent(raw); } catch (error) { return raw; }
  }

  /* #present/<slide id> or ?present=<slide id>; a deck opens presenting its first slide. */
  function requested() {
    var hash = decodedHash();
    if (hash.indexOf("present/") === 0) return hash.slice("present/".length);
    if (hash === "present") return "";
    if (query.has("present")) return query.get("present");
    var deck = document.querySelector("[data-deck='present']");
    if (deck && !hash) return "";
    return null;
  }

  function openRequested() {
    var id = requested();
    if (id === null) { if (state.on) leave(); return; }
    var slide = byId[id];
    if (state.on && slide && slide.number === state.index) return;
    enter(slide ? slide.number : 0, false);
  }

  function init() {
    applyFocus();
    collect();
    if (!slides.length) return;
    addButtons();
    document.addEventListener("keydown", function (event) {
      if (state.on) presentKey(event); else pageKey(event);
    }, true);
    document.addEventListener("fullscreenchange", function () {
      if (ui) ui.buttons.full.setAttribute("aria-pressed", String(!!document.fullscreenElement));
      // Esc in full screen is taken by the browser: leaving full screen leaves present mode.
      if (!document.fullscreenElement && state.fullscreen && state.on) { state.fullscreen = false; leave(); }
    });
    window.addEventListener("hashchange", openRequested);
    openRequested();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
