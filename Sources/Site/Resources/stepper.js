/* unrolled stepper: turns every figure marked data-stepper into a step-by-step view.
 *
 * Without this script every step is on the page, in order. With it, one step shows at a
 * time, with buttons (first, previous, play/pause, next, last), a slider and a speed
 * control; arrow keys step while focus is inside the figure; the URL hash
 * #<figure-id>/<phase>-<index> addresses a step; a polite live region reads each step's
 * data-announce text, written at build time. It also reads out heatmap cells and cell
 * diagram values on hover and focus. No framework, no network, no eval. */
(function () {
  "use strict";

  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");
  var speeds = [["0.5", "slow"], ["1", "normal"], ["2", "fast"]];
  var steppers = [];
  var made = 0; // figures made steppers so far: each one's number, for its controls' ids

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(label, glyph, action) {
    var b = el("button", { type: "button", "class": "step-btn", "aria-label": label, title: label });
    b.appendChild(el("span", { "aria-hidden": "true" }, glyph));
    b.addEventListener("click", action);
    return b;
  }

  function Stepper(figure, number) {
    var self = this;
    this.figure = figure;
    this.steps = Array.prototype.slice.call(figure.querySelectorAll(":scope > ol.steps > li.step"));
    this.index = 0;
    this.timer = null;
    if (this.steps.length < 2) return; // one step needs no stepper: it stays as written
    figure.classList.add("is-stepping");
    if (!figure.hasAttribute("tabindex")) figure.setAttribute("tabindex", "-1");

    var controls = el("div", { "class": "stepper-controls", role: "group", "aria-label": "Step controls" });
    this.first = button("First step", "« First", function () { self.go(0, true); });
    this.prev = button("Previous step", "‹ Previous", function () { self.go(self.index - 1, true); });
    this.play = button("Play", "▶ Play", function () { self.toggle(); });
    this.next = button("Next step", "Next ›", function () { self.go(self.index + 1, true); });
    this.last = button("Last step", "Last »", function () { self.go(self.steps.length - 1, true); });
    this.play.setAttribute("aria-pressed", "false");
    this.play.classList.add("play");

    var sliderId = "stepper-slider-" + number;
    var sliderLabel = el("label", { "for": sliderId, "class": "vh" }, "Step");
    this.slider = el("input", { id: sliderId, type: "range", min: "1", max: String(this.steps.length), value: "1", step: "1" });
    this.slider.addEventListener("input", function () { self.go(Number(self.slider.value) - 1, true); });

    var speedId = "stepper-speed-" + number;
    var speedLabel = el("label", { "for": speedId, "class": "speed-label" }, "Speed");
    this.speed = el("select", { id: speedId });
    speeds.forEach(function (s) {
      var option = el("option", { value: s[0] }, s[1]);
      if (s[0] === "1") option.selected = true;
      self.speed.appendChild(option);
    });
    this.speed.addEventListener("change", function () { if (self.timer) { self.stop(); self.start(); } });

    this.position = el("span", { "class": "step-position", "aria-hidden": "true" });
    [this.first, this.prev, this.play, this.next, this.last].forEach(function (b) { controls.appendChild(b); });
    var sliderBox = el("span", { "class": "slider-box" });
    sliderBox.appendChild(sliderLabel);
    sliderBox.appendChild(this.slider);
    sliderBox.appendChild(this.position);
    controls.appendChild(sliderBox);
    var speedBox = el("span", { "class": "speed-box" });
    speedBox.appendChild(speedLabel);
    speedBox.appendChild(this.speed);
    controls.appendChild(speedBox);
    // Where hovered or focused values of the current step are read out.
    controls.appendChild(el("p", { "class": "readout", "aria-hidden": "true" }, "Hover or focus a value to read it."));

    this.live = el("p", { "class": "stepper-live", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    var list = figure.querySelector(":scope > ol.steps");
    figure.insertBefore(controls, list);
    figure.insertBefore(this.live, list);

    figure.addEventListener("keydown", function (event) { self.key(event); });
    figure.unrolledStepper = this; // present.js drives the stepper through this
    this.go(0, false, true);
  }

  Stepper.prototype.go = function (index, fromUser, quiet) {
    var count = this.steps.length;
    if (fromUser) this.figure.classList.add("has-stepped"); // from now on a shown step fades in
    index = Math.max(0, Math.min(count - 1, index));
    this.index = index;
    var current = this.steps[index];
    this.steps.forEach(function (step, i) { step.hidden = i !== index; });
    var anchor = current.getAttribute("data-step");
    Array.prototype.forEach.call(this.figure.querySelectorAll("[data-for-step]"), function (node) {
      var on = node.getAttribute("data-for-step") === anchor;
      node.classList.toggle("is-current", on);
      if (on) node.setAttribute("aria-current", "step"); else node.removeAttribute("aria-current");
    });
    // Heatmaps that follow this figure outline the column of the current step.
    Array.prototype.forEach.call(document.querySelectorAll("[data-follows]"), function (follower) {
      if (follower.getAttribute("data-follows") !== this.figure.id) return;
      var column = (follower.getAttribute("data-columns") || "").split(" ").indexOf(anchor);
      Array.prototype.forEach.call(follower.querySelectorAll("table"), function (table) {
        Array.prototype.forEach.call(table.querySelectorAll("col"), function (col, i) {
          col.classList.toggle("is-current", column >= 0 && i === column + 1);
        });
      });
    }, this);
    this.slider.value = String(index + 1);
    this.slider.setAttribute("aria-valuetext", current.getAttribute("data-announce") || ("step " + (index + 1)));
    this.position.textContent = (index + 1) + " / " + count;
    // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
    [this.first, this.prev].forEach(function (b) { b.setAttribute("aria-disabled", String(index === 0)); });
    [this.last, this.next].forEach(function (b) { b.setAttribute("aria-disabled", String(index === count - 1)); });
    if (!quiet) this.live.textContent = spoken(current);
    if (fromUser) {
      try { history.replaceState(null, "", "#" + current.id); } catch (e) { /* file:// may refuse; stepping still works */ }
    }
    if (this.timer && index === count - 1) this.stop();
  };

  /* What the live region says for a step: its announcement, then its narration in words. */
  function spoken(step) {
    var narration = step.querySelector(".narration");
    var words = narration ? narration.textContent : "";
    return (step.getAttribute("data-announce") || "") + (words ? ". " + words : "");
  }

  Stepper.prototype.key = function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (target.tagName === "INPUT" || target.tagName === "SELECT" || target.closest("[data-grid]")) return;
    var moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (event.key in moves) {
      this.go(this.index + moves[event.key], true);
    } else if (event.key === "Home") {
      this.go(0, true);
    } else if (event.key === "End") {
      this.go(this.steps.length - 1, true);
    } else {
      return;
    }
    event.preventDefault();
  };

  Stepper.prototype.start = function () {
    var self = this;
    if (this.index === this.steps.length - 1) this.go(0, true);
    var delay = 1600 / Number(this.speed.value || "1");
    this.timer = window.setInterval(function () { self.go(self.index + 1, true); }, delay);
    this.play.setAttribute("aria-pressed", "true");
    this.play.setAttribute("aria-label", "Pause");
    this.play.title = "Pause";
    this.play.querySelector("span").textContent = "❚❚ Pause";
  };

  Stepper.prototype.stop = function () {
    window.clearInterval(this.timer);
    this.timer = null;
    this.play.setAttribute("aria-pressed", "false");
    this.play.setAttribute("aria-label", "Play");
    this.play.title = "Play";
    this.play.querySelector("span").textContent = "▶ Play";
  };

  Stepper.prototype.toggle = function () { if (this.timer) this.stop(); else this.start(); };

  /* The URL's #fragment as text; a malformed escape (`page.html#%`) is taken as written
     instead of throwing a URIError that would stop the script. */
  function decodedHash() {
    var raw = location.hash.slice(1);
    try { return decodeURIComponent(raw); } catch (error) { return raw; }
  }

  function openHash(event) {
    var id = decodedHash();
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) return;
    steppers.forEach(function (stepper) {
      var index = stepper.steps.indexOf(target);
      if (index >= 0) {
        stepper.go(index, false);
        var smooth = event && !(reducedMotion && reducedMotion.matches);
        stepper.figure.scrollIntoView({ behavior: smooth ? "smooth" : "auto", block: "start" });
      }
    });
  }

  /* Read-outs: the value under the pointer or the focus, in words, above the figure. */
  function readoutFor(node) {
    var cell = node.closest ? node.closest("td, .node") : null;
    if (!cell) return null;
    if (cell.classList.contains("node")) return nodeReadout(cell);
    var table = cell.closest("table[data-grid]");
    if (!table || !cell.textContent) return null;
    var row = cell.parentNode;
    var column = Array.prototype.indexOf.call(row.children, cell);
    var header = table.tHead ? table.tHead.rows[table.tHead.rows.length - 1].cells[column] : null;
    var caption = table.caption ? table.caption.textContent : "";
    var rowHead = row.cells[0] ? row.cells[0].textContent : "";
    return caption + " · " + (table.classList.contains("strip") ? "" : "unit ") + rowHead +
      (header ? " · step " + header.textContent.replace(/^step /, "") : "") + " = " + cell.textContent;
  }

  /* A cell-diagram value: its label, then the listed units from the step's table. */
  function nodeReadout(node) {
    var text = node.getAttribute("aria-label");
    var view = node.closest(".cell-view");
    var table = view ? view.querySelector(".unit-table table") : null;
    var column = Number(node.getAttribute("data-col"));
    if (!table || !column) return text;
    var values = Array.prototype.map.call(table.tBodies[0].rows, function (row) {
      return row.cells[column] ? row.cells[0].textContent + ": " + row.cells[column].textContent : "";
    });
    return text + " · units " + values.join(", ");
  }

  function showReadout(event) {
    var text = readoutFor(event.target);
    if (!text) return;
    var figure = event.target.closest(".figure");
    var readout = figure ? figure.querySelector(".readout") : null;
    if (readout && !readout.closest("[hidden]")) readout.textContent = text;
  }

  /* Heatmap tables: one tab stop each, arrow keys move between cells. */
  function gridKeys(table) {
    var cells = Array.prototype.slice.call(table.querySelectorAll("tbody td"));
    if (!cells.length) return;
    cells.forEach(function (cell, i) { cell.setAttribute("tabindex", i === 0 ? "0" : "-1"); });
    table.addEventListener("keydown", function (event) {
      var cell = event.target.closest("td");
      if (!cell) return;
      var row = cell.parentNode, column = cell.cellIndex, rows = table.tBodies[0].rows, r = row.sectionRowIndex;
      var next = null;
      if (event.key === "ArrowRight") next = row.cells[column + 1];
      else if (event.key === "ArrowLeft" && column > 1) next = row.cells[column - 1];
      else if (event.key === "ArrowDown" && rows[r + 1]) next = rows[r + 1].cells[column];
      else if (event.key === "ArrowUp" && rows[r - 1]) next = rows[r - 1].cells[column];
      else return;
      event.preventDefault();
      if (!next) return;
      cell.setAttribute("tabindex", "-1");
      next.setAttribute("tabindex", "0");
      next.focus();
    });
  }

  /* Turns the figures inside `container` into steppers: at load for the whole page, and
     again for the figures live.js draws for a reader's input (the old ones are dropped). */
  function attach(container) {
    for (var k = steppers.length - 1; k >= 0; k--) {
      // A one-step figure has no controls and never plays: only a playing one has a timer.
      if (!document.contains(steppers[k].figure)) { window.clearInterval(steppers[k].timer); steppers.splice(k, 1); }
    }
    Array.prototype.forEach.call(container.querySelectorAll("[data-stepper]"), function (figure) {
      made += 1;
      var stepper = new Stepper(figure, made);
      if (stepper.steps.length) steppers.push(stepper);
    });
    Array.prototype.forEach.call(container.querySelectorAll("table[data-grid]"), gridKeys);
  }
  window.unrolledStepper = { attach: attach };

  function init() {
    document.documentElement.classList.add("js");
    attach(document);
    document.addEventListener("mouseover", showReadout);
    document.addEventListener("focusin", showReadout);
    window.addEventListener("hashchange", openHash);
    openHash();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
