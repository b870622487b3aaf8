import Markup
import TraceCore

/// A model's architecture as a left-to-right diagram (input, encoder with its direction(s),
/// bridge kind, decoder, dense softmax, output) and its Keras-style summary as a table.
///
/// ```
/// ArchitectureFigure(model: trace.model, summary: summary, id: "arch").html
/// // <figure class="figure arch-figure" id="arch"><svg class="arch" role="img" aria-labelledby=…>
/// //   …<text …>LSTM encoder</text><text …>75 units</text>…
/// //   <table class="summary"><caption>Layers of addition</caption>…<td class="num">26,400</td>…
/// ```
public struct ArchitectureFigure: Sendable {
  /// The model drawn.
  public var model: ModelDescription
  /// The summary rows, when the caller has them (a trace carries only the description).
  public var summary: ModelSummary?
  /// The figure's element id.
  public var id: String
  /// The caption (plain text, escaped when drawn), put before the generated description.
  public var caption: String?

  /// The architecture of `model`, with `summary` as a table when given.
  public init(model: ModelDescription, summary: ModelSummary? = nil, caption: String? = nil, id: String) {
    self.caption = caption
    self.model = model
    self.summary = summary
    self.id = id
  }

  /// The complete `<figure>`.
  public var html: HTML {
    let boxes = self.boxes
    let height: Double
    switch model.kind.encoder {
    case .oneDirection: height = 110
    case .bothDirections: height = 150
    }
    let boxWidth = 118.0, gap = 26.0
    let width = Double(boxes.count) * boxWidth + Double(boxes.count - 1) * gap + 20
    let c = NumberText.coordinate
    var svg: HTML =
      "<svg class=\"arch\" viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\">"
    svg += "<title id=\"\(id)-t\">Architecture of \(model.name)</title>"
    svg += "<desc id=\"\(id)-d\">\(description)</desc>"
    for (index, box) in boxes.enumerated() {
      let x = 10 + Double(index) * (boxWidth + gap)
      let rows = box.lines.count
      let boxHeight = Double(22 + rows * 16)
      let y = (height - boxHeight) / 2
      svg +=
        "<rect class=\"arch-box \(box.kind)\" x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(boxWidth))\" height=\"\(c(boxHeight))\" rx=\"8\"/>"
      for (line, text) in box.lines.enumerated() {
        svg +=
          "<text class=\"\(line == 0 ? "arch-title" : "arch-note")\" x=\"\(c(x + boxWidth / 2))\" y=\"\(c(y + 20 + Double(line) * 16))\">\(text)</text>"
      }
      if index > 0 {
        svg += "<path class=\"wire\" d=\"M\(c(x - gap + 2)) \(c(height / 2))H\(c(x - 3))\" marker-end=\"url(#arrowhead)\"/>"
      }
    }
    svg += "</svg>"
    let frame = FigureFrame(kind: "arch-figure", id: id, attributes: " data-panel=\"architecture\"", caption: caption)
    var html =
      frame.start
      + "<div class=\"arch-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Architecture diagram (scrolls sideways on narrow screens)\">\(svg)</div>"
    if let summary { html += summaryTable(summary) }
    return html + frame.end(caption: "\(description)")
  }

  private struct Box {
    var kind: String
    var lines: [String]
  }

  private var boxes: [Box] {
    let inputTokens = model.inputVocabulary.count, outputTokens = model.outputVocabulary.count
    let kind = model.kind
    let noun = model.inputVocabulary.unit == .word ? "word" : "token"
    var boxes: [Box]
    switch kind.decoderOutput {
    case .values:
      boxes = [
        Box(kind: "io", lines: ["input", inputTokens == 1 ? "one value a step" : "\(inputTokens) values a step", "real numbers"])
      ]
    case .tokens:
      boxes = [Box(kind: "io", lines: ["input", "one \(noun) a step", "\(inputTokens) \(noun)s"])]
    }
    if let size = model.encoderEmbeddingSize {
      boxes.append(Box(kind: "dense", lines: ["Embedding", "a row of \(size)", "per \(noun)"]))
    }
    switch kind.encoder {
    case .bothDirections(let mergeMode, let backwardActivation):
      boxes.append(
        Box(
          kind: "lstm",
          lines: [
            "Bidirectional", "→ LSTM \(model.encoderUnits)",
            "← LSTM \(model.encoderUnits)" + (backwardActivation.map { " (\($0.rawValue))" } ?? ""),
            "merge: \(mergeMode.rawValue)",
          ]))
    case .oneDirection:
      boxes.append(
        Box(
          kind: "lstm",
          lines: ["LSTM encoder", "\(model.encoderUnits) units", model.reverseInput ? "reads reversed" : "reads in order"]))
    }
    switch kind.bridge {
    case .states: boxes.append(Box(kind: "bridge", lines: ["state bridge", "final h, c", "→ decoder's start"]))
    case .repeatVector: boxes.append(Box(kind: "bridge", lines: ["RepeatVector", "final output", "fed every step"]))
    }
    switch kind.decoding {
    case .teacherForcedOnly(.bidirectionalDecoder):
      boxes.append(
        Box(
          kind: "lstm",
          lines: [
            "Decoder", "→ LSTM \(model.decoderUnits)", "← LSTM \(model.decoderUnits)", "teacher-forced only",
          ]))
    case .freeRunning:
      let reads: String
      switch kind.decoderInput {
      case .repeatedEncoding: reads = "reads encoding"
      case .repeatedEncodingAndPreviousToken: reads = "encoding + last token"
      case .previousToken: reads = model.decoderEmbeddingSize == nil ? "reads last token" : "embeds last token"
      }
      boxes.append(Box(kind: "lstm", lines: ["LSTM decoder", "\(model.decoderUnits) units", reads]))
    }
    switch kind.decoderOutput {
    case .values:
      let written = outputTokens == 1 ? "1 value" : "\(outputTokens) values"
      boxes.append(Box(kind: "dense", lines: ["Dense linear", written, "each step"]))
      boxes.append(Box(kind: "io", lines: ["output", "the forecast", "MSE loss"]))
    case .tokens:
      boxes.append(Box(kind: "dense", lines: ["Dense softmax", "\(outputTokens) probabilities", "each step"]))
      boxes.append(Box(kind: "io", lines: ["output", "argmax token", "per step"]))
    }
    return boxes
  }

  private var description: String {
    let kind = model.kind
    let encoder: String
    let backward: String
    switch kind.encoder {
    case .bothDirections(let mergeMode, let backwardActivation):
      encoder = "a bidirectional LSTM encoder of \(model.encoderUnits) units each way, merged by \(mergeMode.rawValue)"
      backward = backwardActivation.map { ", its backward layer with its own activation, \($0.rawValue)," } ?? ""
    case .oneDirection:
      encoder = "an LSTM encoder of \(model.encoderUnits) units"
      backward = ""
    }
    let bridge: String
    switch kind.decoderInput {
    case .previousToken: bridge = "hands its final hidden and cell states to the decoder"
    case .repeatedEncoding: bridge = "repeats its final output as the decoder's input at every step"
    case .repeatedEncodingAndPreviousToken:
      bridge = "repeats its final output as the decoder's input at every step, beside the token the decoder wrote last"
    }
    if case .values = kind.decoderOutput {
      let values = model.outputVocabulary.count == 1 ? "one value" : "\(model.outputVocabulary.count) values"
      return
        "\(model.name): \(encoder) reads real numbers and \(bridge); an LSTM decoder of \(model.decoderUnits) units and a linear dense layer write \(values) per step, trained on mean squared error. \(ModelSummary.grouped(model.parameterCount)) parameters."
    }
    let embeddings =
      model.encoderEmbeddingSize.map { size in
        "Each input \(model.inputVocabulary.unit == .word ? "word" : "token") is looked up in an embedding table of \(size) numbers a row"
          + (model.decoderEmbeddingSize.map { ", and each token fed to the decoder in its own table of \($0)" } ?? "") + "."
      } ?? ""
    let decoder: String
    switch kind.decoding {
    case .teacherForcedOnly(.bidirectionalDecoder):
      decoder =
        "a bidirectional LSTM decoder of \(model.decoderUnits) units each way, its forward half started from the encoder's forward states and its backward half from the backward ones (it reads the whole target, so it decodes only teacher-forced),"
    case .freeRunning:
      decoder = "an LSTM decoder of \(model.decoderUnits) units"
    }
    return
      "\(model.name): \(encoder)\(backward) \(bridge); \(decoder) and a dense softmax over \(model.outputVocabulary.count) output tokens. \(ModelSummary.grouped(model.parameterCount)) parameters."
      + (embeddings.isEmpty ? "" : " " + embeddings)
  }

  private func summaryTable(_ summary: ModelSummary) -> HTML {
    var html: HTML =
      "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Model summary\"><table class=\"summary\"><caption>Layers of \(summary.name), as Keras's model.summary() lists them</caption>"
    html +=
      "<thead><tr><th scope=\"col\">Layer (type)</th><th scope=\"col\">Output shape</th><th scope=\"col\" class=\"num\">Parameters</th></tr></thead><tbody>"
    for row in summary.rows {
      html +=
        "<tr><th scope=\"row\"><code>\(row.layer)</code></th><td><code>\(row.outputShape)</code></td><td class=\"num\">\(ModelSummary.grouped(row.parameters))</td></tr>"
    }
    html +=
      "</tbody><tfoot><tr><th scope=\"row\">Total</th><td></td><td class=\"num\">\(ModelSummary.grouped(summary.totalParameters))</td></tr></tfoot></table></div>"
    return html
  }
}
