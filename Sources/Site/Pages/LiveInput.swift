// The input field of a model page, and the assets it runs on: the page's WebAssembly module
// and each model's checkpoint, as base64 inside script files (a page opened from disk cannot
// fetch a local file, but it can add a <script>). live.js is the other half of the contract
// written here.

import Figures
import Foundation
import Markup
import Trace

/// The files that let a page run a model: the module and the models' checkpoints.
///
/// ```
/// LiveAssets(module: wasm, checkpoints: ["addition": bytes]).files
/// // assets/live-module.js, assets/live-models/addition.js
/// ```
public struct LiveAssets: Sendable {
  /// The WebAssembly module's bytes (Scripts/build-wasm.sh).
  public var module: [UInt8]
  /// Each model's checkpoint bytes, by the model's name on the site.
  public var checkpoints: [String: [UInt8]]
  /// What each model was trained on, for the note on an input outside it.
  public var domains: [String: TrainingDomain]

  /// Assets from their bytes.
  public init(module: [UInt8], checkpoints: [String: [UInt8]], domains: [String: TrainingDomain] = [:]) {
    self.module = module
    self.checkpoints = checkpoints
    self.domains = domains
  }

  /// The script asset of a model's checkpoint, from the site's root.
  public static func modelAsset(_ name: String) -> String { "assets/live-models/\(HTML.slug(name)).js" }

  /// The module's script asset, from the site's root.
  public static let moduleAsset = "assets/live-module.js"

  /// The files to write, path → text.
  public var files: [(path: String, contents: String)] {
    var files = [
      (path: Self.moduleAsset, contents: "window.unrolledLiveModule = \"\(Data(module).base64EncodedString())\";\n")
    ]
    for name in checkpoints.keys.sorted() {
      let bytes = checkpoints[name] ?? []
      files.append(
        (
          path: Self.modelAsset(name),
          contents:
            "(window.unrolledLiveModels = window.unrolledLiveModels || {})[\(Self.jsString(name))] = \"\(Data(bytes).base64EncodedString())\";\n"
            + "(window.unrolledLiveDomains = window.unrolledLiveDomains || {})[\(Self.jsString(name))] = \(Self.jsString((domains[name] ?? .anything).text));\n"
        ))
    }
    return files
  }

  /// `text` as a double-quoted JavaScript string literal.
  static func jsString(_ text: String) -> String {
    var literal = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": literal += "\\\""
      case "\\": literal += "\\\\"
      case "<": literal += "\\u003c"
      default:
        if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
          literal +=
            "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
            + String(scalar.value, radix: 16)
        } else {
          literal.unicodeScalars.append(scalar)
        }
      }
    }
    return literal + "\""
  }
}

/// A standalone trace page's input field, with the module and the model's checkpoint inline
/// (`unrolled trace --format html --live-module FILE`): one file, no other asset.
public struct LiveTracePage: Sendable {
  /// The form above the article, which the reader's trace redraws.
  public var form: HTML
  /// The scripts that set the module and the checkpoint (base64), inline in the page.
  public var inlineScripts: String

  /// The field for `name`'s model, with the module's and the checkpoint's bytes.
  public init(
    name: String, configuration: Seq2SeqConfiguration, input: String, target: String?, module: [UInt8], checkpoint: [UInt8],
    domain: TrainingDomain = .anything, deck: Bool = false, unit: Int = 0
  ) {
    let assets = LiveAssets(module: module, checkpoints: [name: checkpoint], domains: [name: domain])
    inlineScripts = assets.files.map { $0.contents }.joined()
    // A deck's field stays hidden: present mode's class input (I) fills and runs it.
    let view = deck ? "3" : "2", output = deck ? "deck-live" : "live-article"
    let stays: HTML = deck ? " data-live-hidden" : ""
    var html: HTML =
      "<form class=\"live-input\" data-live-model=\"\(name)\" data-live-module=\"\" data-live-asset=\"\" data-live-view=\"\(view)\" data-live-prefix=\"\(deck ? String(unit) : "t")\" data-live-output=\"\(output)\"\(stays) aria-label=\"Trace your own input\" hidden>"
    html += LiveInputMarkup.fields(
      prefix: "live", inputLabel: "Your own input", input: input, target: target ?? "", targetNote: "optional",
      button: "Trace it",
      help:
        "Traces your input in this page, by the model itself compiled to WebAssembly, and redraws the page for it. \(LiveInputMarkup.help(configuration))"
    )
    form = html + "</form>"
  }
}

/// The markup of a model page's "your own input" section.
public enum LiveInputMarkup {
  /// The section's body: a form (hidden until live.js shows it), the place the figures are
  /// drawn, and what to do without JavaScript.
  ///
  /// ```
  /// LiveInputMarkup.modelSection(name: "addition", configuration: c, example: " 2+10", pagePath: "models/addition.html")
  /// // <p data-live-fallback>…</p><form class="live-input" data-live-model="addition" … hidden>…</form><div id="you-figures" …>
  /// ```
  public static func modelSection(
    name: String, configuration: Seq2SeqConfiguration, example: String, pagePath: String, prefix: String = "you"
  ) -> HTML {
    let root = SitePath.prefix(toRootFrom: pagePath)
    let kind = configuration.kind
    let output = "\(prefix)-figures"
    var html: HTML =
      "<p data-live-fallback>With JavaScript on, type an input here and the model runs on it in your browser. Without it, trace one from the command line: <code>unrolled trace --model \(name) \"\(example)\" --format html --out trace.html</code>.</p>"
    html +=
      "<form class=\"live-input\" data-live-model=\"\(name)\" data-live-module=\"\(root + LiveAssets.moduleAsset)\" data-live-asset=\"\(root + LiveAssets.modelAsset(name))\" data-live-view=\"1\" data-live-prefix=\"\(prefix)\" data-live-output=\"\(output)\" hidden>"
    html +=
      "<p class=\"live-lede\">Type an input and press <em>Trace it</em>: the model runs on it here, in this page, by the Swift code that trained it (compiled to WebAssembly), and every figure below is drawn for it. Nothing is sent anywhere.</p>"
    let targetNote: String
    switch kind.decoding {
    case .teacherForcedOnly: targetNote = "needed: this model decodes only teacher-forced"
    case .freeRunning: targetNote = "optional: adds the teacher-forced decode beside the free-running one"
    }
    html += fields(
      prefix: prefix, inputLabel: "Input", input: example, target: nil, targetNote: targetNote, button: "Trace it",
      help: help(configuration))
    html += "</form>"
    html += "<div id=\"\(output)\" class=\"live-figures\" hidden></div>"
    return html
  }

  /// The field under a lesson's trace figure: it redraws that figure, with the lesson's view
  /// and options (`drawing`), for a reader's input. Hidden until live.js shows it, so a page
  /// without JavaScript is as before.
  public static func figureForm(
    name: String, configuration: Seq2SeqConfiguration, drawing: TraceFigureDrawing, figureID: String, input: String,
    target: String?, pagePath: String
  ) -> HTML {
    let root = SitePath.prefix(toRootFrom: pagePath)
    let prefix = figureID
    var html: HTML =
      "<form class=\"live-input live-figure-input\" data-live-model=\"\(name)\" data-live-module=\"\(root + LiveAssets.moduleAsset)\" data-live-asset=\"\(root + LiveAssets.modelAsset(name))\" data-live-drawing=\"\(drawing.encoded)\" data-live-prefix=\"\(prefix)\" data-live-output=\"\(prefix)-live\" aria-label=\"Redraw this figure for your own input\" hidden>"
    html += fields(
      prefix: prefix, inputLabel: "Your own input", input: input, target: target ?? "", targetNote: "optional", button: "Redraw",
      help: "Redraws the figure above for your input, computed in this page by the model itself. \(help(configuration))")
    return html + "</form>\n"
  }

  /// The fields every live form has, as live.js reads them: the input and target fields, the
  /// button, the help line, the refusal (`role=alert`) and the status (a polite live region).
  /// Ids start with `prefix`; a `nil` target leaves the target field without a value.
  static func fields(
    prefix: String, inputLabel: String, input: String, target: String?, targetNote: String, button: String, help: String
  ) -> HTML {
    var html: HTML = "<div class=\"live-fields\">"
    html +=
      "<p class=\"live-field\"><label for=\"\(prefix)-input\">\(inputLabel)</label> <input id=\"\(prefix)-input\" name=\"input\" type=\"text\" value=\"\(input)\" autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"\(prefix)-help \(prefix)-error\"></p>"
    let value: HTML = target.map { " value=\"\($0)\"" } ?? ""
    html +=
      "<p class=\"live-field\"><label for=\"\(prefix)-target\">Target <span class=\"live-optional\">(\(targetNote))</span></label> <input id=\"\(prefix)-target\" name=\"target\" type=\"text\"\(value) autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"\(prefix)-error\"></p>"
    html += "<p class=\"live-field\"><button type=\"submit\">\(button)</button></p></div>"
    html += "<p id=\"\(prefix)-help\" class=\"live-help\">\(help)</p>"
    html += "<p id=\"\(prefix)-error\" class=\"live-error\" data-live-error role=\"alert\" hidden></p>"
    html += "<p class=\"live-status\" data-live-status role=\"status\" aria-live=\"polite\"></p>"
    return html
  }

  /// What the model reads, in words: the tokens it knows and how many.
  static func help(_ configuration: Seq2SeqConfiguration) -> String {
    if configuration.series != nil {
      return
        "It reads \(configuration.maxInputLength * configuration.valuesPerStep) numbers separated by commas, like 0.1,0.4,-0.2."
    }
    let allowed = configuration.allowedTokens(isTarget: false).map { $0 == " " ? "␣ (space)" : $0 }
    let unit = configuration.inputVocabulary.unit == .word ? "words" : "characters"
    return
      "It reads at most \(configuration.maxInputLength) \(unit), from these: \(allowed.joined(separator: " "))."
  }
}
