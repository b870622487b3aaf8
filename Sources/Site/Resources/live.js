/* unrolled live input: a reader types an input, and the model runs on it here, in the page.
   The model is the project's own Swift (TraceCore, Figures), compiled to WebAssembly
   (Scripts/build-wasm.sh); this script only moves text in and markup out. Nothing is fetched
   from the network: the module and each model's checkpoint are base64 inside script assets
   (assets/live-module.js, assets/live-models/NAME.js), added with a <script> tag the first
   time a reader uses a field, which works from file:// where fetch() of a local file does not.

   The contract with the page's markup (LiveInputMarkup in Sources/Site):
   form[data-live-model]   the field's form; data-live-model names the model,
                           data-live-asset the model's script, data-live-module the module's,
                           data-live-view 1 (a model page's example figures, ids from
                           data-live-prefix) or 2 (a trace page's article), or
                           data-live-drawing a lesson figure's view and options
                           (TraceFigureDrawing.encoded; its id is data-live-prefix);
                           data-live-output the id of the element whose content is redrawn.
   [data-live-error]       inside the form: where a refused input's message goes (role=alert).
   [data-live-status]      inside the form: progress and results, a polite live region.
   The URL's ?input=…&target=… fills the form and runs it when the page opens. */
(function () {
  "use strict";

  var decoder = new TextDecoder();
  var encoder = new TextEncoder();
  var modulePromise = null;
  var slots = {};

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    });
  }

  function bytesOf(base64) {
    var text = atob(base64), bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }

  function module(form) {
    if (!modulePromise) {
      var ready = window.unrolledLiveModule ? Promise.resolve() : loadScript(form.getAttribute("data-live-module"));
      modulePromise = ready.then(function () {
        return WebAssembly.instantiate(bytesOf(window.unrolledLiveModule), {});
      }).then(function (result) { return result.instance.exports; });
    }
    return modulePromise;
  }

  function withBytes(wasm, bytes, body) {
    var pointer = wasm.unrolled_allocate(bytes.length);
    new Uint8Array(wasm.memory.buffer, pointer, bytes.length).set(bytes);
    try { return body(pointer, bytes.length); } finally { wasm.unrolled_release(pointer); }
  }

  function result(wasm) {
    return decoder.decode(new Uint8Array(wasm.memory.buffer, wasm.unrolled_result_bytes(), wasm.unrolled_result_length()));
  }

  function slot(form, wasm) {
    var name = form.getAttribute("data-live-model");
    if (slots[name] !== undefined) return Promise.resolve(slots[name]);
    var models = window.unrolledLiveModels || {};
    var ready = models[name] ? Promise.resolve() : loadScript(form.getAttribute("data-live-asset"));
    return ready.then(function () {
      var checkpoint = bytesOf((window.unrolledLiveModels || {})[name]);
      var status = withBytes(wasm, checkpoint, function (p, n) { return wasm.unrolled_load_model(p, n); });
      if (status !== 0) throw new Error(result(wasm));
      slots[name] = Number(result(wasm));
      var domain = (window.unrolledLiveDomains || {})[name];
      if (domain) withBytes(wasm, encoder.encode(domain), function (p, n) { return wasm.unrolled_set_domain(slots[name], p, n); });
      return slots[name];
    });
  }

  /* Runs the form's input through the model and redraws its output, or shows why not. */
  function run(form, updateURL) {
    var input = form.elements.input.value;
    var targetField = form.elements.target;
    var target = targetField && targetField.value !== "" ? targetField.value : null;
    var error = form.querySelector("[data-live-error]");
    var status = form.querySelector("[data-live-status]");
    var output = document.getElementById(form.getAttribute("data-live-output"));
    var button = form.querySelector("button[type=submit]");
    var started = performance.now();
    status.textContent = "Running the model…";
    button.disabled = true;
    return module(form).then(function (wasm) {
      return slot(form, wasm).then(function (modelSlot) {
        var prefix = encoder.encode(form.getAttribute("data-live-prefix") || "");
        var view = Number(form.getAttribute("data-live-view"));
        var inputBytes = encoder.encode(input), targetBytes = encoder.encode(target || "");
        var drawing = form.getAttribute("data-live-drawing");
        var code = withBytes(wasm, inputBytes, function (ip, il) {
          return withBytes(wasm, targetBytes, function (tp, tl) {
            return withBytes(wasm, prefix, function (pp, pl) {
              if (drawing === null) return wasm.unrolled_trace(modelSlot, ip, il, tp, target === null ? -1 : tl, view, pp, pl);
              return withBytes(wasm, encoder.encode(drawing), function (dp, dl) {
                return wasm.unrolled_trace_figure(modelSlot, ip, il, tp, target === null ? -1 : tl, pp, pl, dp, dl);
              });
            });
          });
        });
        var text = result(wasm);
        if (code === 1) { refuse(form, text); return { refused: true, message: text }; }
        if (code !== 0) throw new Error(text);
        error.hidden = true;
        error.textContent = "";
        form.elements.input.removeAttribute("aria-invalid");
        if (targetField) targetField.removeAttribute("aria-invalid");
        output.innerHTML = text;
        output.hidden = false;
        if (window.unrolledStepper) window.unrolledStepper.attach(output);
        var note = withBytes(wasm, inputBytes, function (ip, il) {
          wasm.unrolled_training_note(modelSlot, ip, il);
          return result(wasm);
        });
        status.textContent = "Traced “" + input + "”: the figures are redrawn for it." +
          (note ? " Outside its training: " + note + ", so its answer is a guess." : "");
        form.setAttribute("data-live-milliseconds", String(Math.round(performance.now() - started)));
        if (updateURL) remember(form, input, target);
        output.dispatchEvent(new CustomEvent("unrolled:redrawn", { bubbles: true }));
        return { refused: false, message: "" };
      });
    }).catch(function (problem) {
      status.textContent = "The model could not run here: " + problem.message;
      return { refused: true, message: "The model could not run here: " + problem.message };
    }).then(function (outcome) { button.disabled = false; return outcome; });
  }

  /* For present mode's class input: run `form` with its current fields; resolves to
     {refused, message} once the figures are redrawn or the input is refused. */
  window.unrolledLive = { run: function (form) { form.removeAttribute("data-live-refused"); return run(form, true); } };

  /* A refused input: the CLI's own message beside the field, announced; the figures stay. */
  function refuse(form, message) {
    var error = form.querySelector("[data-live-error]");
    var status = form.querySelector("[data-live-status]");
    var inTarget = /^(the target|value \d+ of the target)/.test(message);
    var field = inTarget && form.elements.target ? form.elements.target : form.elements.input;
    error.textContent = message;
    error.hidden = false;
    field.setAttribute("aria-invalid", "true");
    status.textContent = "";
    form.setAttribute("data-live-refused", "true");
  }

  /* The input in the URL, so a link opens the page with it. */
  function remember(form, input, target) {
    try {
      var params = new URLSearchParams(location.search);
      params.set("input", input);
      if (target === null) params.delete("target"); else params.set("target", target);
      history.replaceState(null, "", "?" + params.toString() + location.hash);
    } catch (ignored) { /* some file:// settings refuse replaceState; the page still works */ }
  }

  function init() {
    var forms = document.querySelectorAll("form[data-live-model]");
    var params = new URLSearchParams(location.search);
    Array.prototype.forEach.call(forms, function (form, index) {
      if (!form.hasAttribute("data-live-hidden")) form.hidden = false;
      var fallback = form.parentNode.querySelector("[data-live-fallback]");
      if (fallback) fallback.hidden = true;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        form.removeAttribute("data-live-refused");
        run(form, true);
      });
      if (index === 0 && params.has("input")) {
        form.elements.input.value = params.get("input");
        if (form.elements.target) form.elements.target.value = params.get("target") || "";
        run(form, false);
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
