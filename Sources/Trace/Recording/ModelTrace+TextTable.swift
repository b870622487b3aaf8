// A trace as a table for a terminal: one line per step, gate means as small bars, the
// fed token and where it came from, and the top predictions.

import Foundation

extension ModelTrace {
  /// The trace as readable plain text, one table per encoder direction and decode.
  ///
  /// ```
  /// Encoder (forward): reads " 2+10"
  ///  step  token  input      forget     candidate   output     cell |c|
  ///     0  ' '    ▄ 0.52     ▆ 0.74     ▁ -0.03     ▅ 0.60     0.41
  /// ```
  ///
  /// A series model's table shows the value read at each encoder step, and the predicted
  /// and true value at each decoder step. Control characters in the model's name or tokens
  /// are shown escaped (``TerminalText``), never sent to the terminal.
  public var textTable: String {
    switch decodes {
    case .forecast(let forecast): return TerminalText.escaped(forecastTable(forecast))
    case .tokens, .teacherForcedOnly: return TerminalText.escaped(tokenTable)
    }
  }

  /// The table of a token model, as it is before escaping.
  private var tokenTable: String {
    let kind = model.kind
    var out: [String] = []
    let encoderKind: String
    switch kind.encoder {
    case .oneDirection: encoderKind = "LSTM, \(model.encoderUnits) units"
    case .bothDirections: encoderKind = "bidirectional LSTM, \(model.encoderUnits) units each way"
    }
    let decoderKind: String
    switch kind.decoding {
    case .freeRunning: decoderKind = "decoder \(model.decoderUnits) units"
    case .teacherForcedOnly(.bidirectionalDecoder): decoderKind = "bidirectional decoder, \(model.decoderUnits) units each way"
    }
    let bridge: String
    switch kind.bridge {
    case .states: bridge = "state bridge"
    case .repeatVector: bridge = "repeat bridge"
    }
    out.append(
      "Model \(model.name): \(bridge), encoder \(encoderKind), \(decoderKind), \(ModelSummary.grouped(model.parameterCount)) parameters"
    )
    out.append(
      "Input \(quoted(input, in: model.inputVocabulary))"
        + (target.map { ", target \(quoted($0, in: model.outputVocabulary))" } ?? ""))
    out.append("")
    let read = model.inputVocabulary.text(of: encoder.tokens)
    out.append(
      contentsOf: encoderTable(
        title:
          "Encoder\(encoder.backward == nil ? "" : " (forward)"): reads \(quoted(read, in: model.inputVocabulary))\(model.reverseInput ? " (the input reversed)" : "")",
        steps: encoder.forward))
    if let backward = encoder.backward {
      out.append("")
      let activation = model.backwardActivation.map { ", its own activation \($0.rawValue)" } ?? ""
      out.append(
        contentsOf: encoderTable(
          title: "Encoder (backward): reads from the last token to the first\(activation)", steps: backward))
    }
    out.append("")
    out.append(bridgeLine)
    switch decodes {
    case .forecast:
      break  // drawn by forecastTable above
    case .teacherForcedOnly(let decode, let refusal):
      out.append("")
      out.append(contentsOf: decoderTable(decode))
      if decode.steps.contains(where: { $0.backwardState != nil }) {
        out.append("")
        out.append(contentsOf: backwardDecoderTable(decode))
      }
      out.append("")
      out.append("No free-running decode: \(refusal).")
    case .tokens(let freeRunning, let comparison):
      for decode in [comparison?.teacherForced, freeRunning].compactMap({ $0 }) {
        out.append("")
        out.append(contentsOf: decoderTable(decode))
      }
      if let comparison {
        out.append("")
        if let step = comparison.firstDivergence {
          out.append("The two decodes part at step \(step): from there the free-running decoder reads its own predictions.")
        } else {
          out.append("The two decodes are fed the same tokens at every step.")
        }
      }
    }
    return out.joined(separator: "\n") + "\n"
  }
}

private extension ModelTrace {
  static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// A bar for a value in `range`, then the value.
  static func bar(_ value: Float, in range: ClosedRange<Float>) -> String {
    let unit = (value - range.lowerBound) / (range.upperBound - range.lowerBound)
    let index = min(bars.count - 1, max(0, Int((unit * Float(bars.count)).rounded(.down))))
    return "\(bars[index]) " + String(format: "%5.2f", value)
  }

  static func mean(_ values: [Float]) -> Float {
    values.isEmpty ? 0 : values.reduce(0, +) / Float(values.count)
  }

  static func meanMagnitude(_ values: [Float]) -> Float {
    values.isEmpty ? 0 : values.reduce(0) { $0 + abs($1) } / Float(values.count)
  }

  /// A text with its invisible characters named, in quotes.
  static func quoted(_ text: String) -> String {
    "\"" + text.map { TokenDisplay.name(String($0), start: nil, end: nil) }.joined() + "\""
  }

  /// A text as the model splits it: characters with the invisible ones named, or words as
  /// they are (their spaces only separate them).
  func quoted(_ text: String, in vocabulary: Vocabulary) -> String {
    vocabulary.unit == .word ? "\"\(text)\"" : Self.quoted(text)
  }

  /// The first values of the vector a step read from an embedding table, or nothing when
  /// the step read a one-hot vector.
  static func embeddingCells(_ vector: [Float]?) -> String {
    guard let vector else { return "" }
    let shown = vector.prefix(3).map { String(format: "%5.2f", $0) }.joined(separator: " ")
    return "  " + shown + (vector.count > 3 ? " …(\(vector.count))" : "")
  }

  /// The header of the embedding column, when the steps have one.
  static func embeddingHeader(_ present: Bool) -> String {
    present ? "  embedding (first values)" : ""
  }

  /// How wide a column of these tokens is: `minimum` for characters (the table's layout
  /// since version 1), wide enough for the longest word for words.
  func tokenWidth(_ tokens: [String], in vocabulary: Vocabulary, atLeast minimum: Int) -> Int {
    guard vocabulary.unit == .word else { return minimum }
    return max(minimum, (tokens.map { token($0).count }.max() ?? 0) + 2)
  }

  /// One of the model's tokens, quoted, by the same names the site uses.
  func token(_ token: String) -> String {
    "'\(model.displayName(of: token))'"
  }

  static func column(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }

  func gateCells(_ state: CellRecord) -> String {
    [
      Self.bar(Self.mean(state.inputGate), in: 0...1), Self.bar(Self.mean(state.forgetGate), in: 0...1),
      Self.bar(Self.mean(state.candidate), in: -1...1), Self.bar(Self.mean(state.outputGate), in: 0...1),
    ].map { Self.column($0, 11) }.joined() + String(format: "%6.2f", Self.meanMagnitude(state.cell))
  }

  var gateHeader: String {
    ["input", "forget", "candidate", "output"].map { Self.column($0, 11) }.joined() + "  |c|"
  }

  func encoderTable(title: String, steps: [EncoderStepRecord]) -> [String] {
    var lines = [title, "  (gate columns are means over the units; |c| is the mean size of the cell state)"]
    let width = tokenWidth(steps.map(\.token), in: model.inputVocabulary, atLeast: 7)
    let embeds = steps.contains { $0.inputVector != nil }
    lines.append(" step  " + Self.column("token", width) + gateHeader + Self.embeddingHeader(embeds))
    for step in steps {
      lines.append(
        String(format: "%5d  ", step.position) + Self.column(token(step.token), width) + gateCells(step.state)
          + Self.embeddingCells(step.inputVector))
    }
    return lines
  }

  /// A bidirectional decoder's backward half, in the order it read the fed tokens.
  func backwardDecoderTable(_ decode: DecodeRecord) -> [String] {
    var lines = [
      "Decoder (backward half): reads the fed tokens from the last to the first, so at step t it has already read steps t+1 and later"
    ]
    lines.append(" step  fed            " + gateHeader)
    for step in decode.steps.reversed() {
      guard let state = step.backwardState else { continue }
      lines.append(
        String(format: "%5d  ", step.step) + Self.column(step.fedToken.map(token) ?? "encoding", 15) + gateCells(state))
    }
    return lines
  }

  var bridgeLine: String {
    switch bridge.kind {
    case .states:
      let size = bridge.hidden?.count ?? 0
      let four = model.kind.readsBothDirections ? " (forward and backward h and c, concatenated)" : ""
      return
        "Bridge: the encoder's final hidden and cell states (\(size) values each) become the decoder's initial states\(four)."
    case .repeatVector:
      return
        "Bridge: the encoder's final output (\(bridge.repeatedVector?.count ?? 0) values) is repeated \(bridge.repeatCount ?? 0) times, one copy per decoder step."
        + (model.kind.decoderInput == .repeatedEncodingAndPreviousToken
          ? " Each step also reads its previous output token (a conditioned decoder)." : "")
    }
  }

  /// The table of a series model's trace.
  func forecastTable(_ forecast: DecodeRecord) -> String {
    var out: [String] = []
    out.append(
      "Model \(model.name): forecaster (repeat bridge, linear output), encoder LSTM \(model.encoderUnits) units, decoder \(model.decoderUnits) units, \(ModelSummary.grouped(model.parameterCount)) parameters"
    )
    let truth = target == nil ? "" : "; the true values are given"
    out.append("Reads \(encoder.forward.count) values, writes \(forecast.steps.count)\(truth)")
    out.append("")
    out.append("Encoder: reads one value per step\(model.reverseInput ? " (the input reversed)" : "")")
    out.append("  (gate columns are means over the units; |c| is the mean size of the cell state)")
    out.append(" step  value    " + gateHeader)
    for step in encoder.forward {
      out.append(String(format: "%5d  ", step.position) + Self.column(step.token, 9) + gateCells(step.state))
    }
    out.append("")
    out.append(bridgeLine)
    out.append("")
    out.append("Decoder: every step reads the repeated encoding and writes one value (linear Dense)")
    out.append(" step  predicted  true       sq. error  " + gateHeader)
    for step in forecast.steps {
      out.append(
        String(format: "%5d  ", step.step) + Self.column(step.predicted, 11) + Self.column(step.target ?? "-", 11)
          + Self.column(step.loss.map { String(format: "%.4f", $0) } ?? "-", 11) + gateCells(step.state))
    }
    out.append(
      "  forecast \(forecast.output)"
        + (forecast.meanLoss.map { String(format: "; mean squared error %.4f (RMSE %.4f)", $0, $0.squareRoot()) } ?? ""))
    return out.joined(separator: "\n") + "\n"
  }

  func decoderTable(_ decode: DecodeRecord) -> [String] {
    let half = model.kind.decoding == .freeRunning ? "" : " (gates of the forward half)"
    let title =
      (decode.feeding == .teacherForced
        ? "Decoder, teacher-forced: each step is fed the true previous token"
        : "Decoder, free-running: each step is fed its own previous prediction (greedy)") + half
    var lines = [title]
    let vocabulary = model.outputVocabulary.tokens
    let width = tokenWidth(vocabulary, in: model.outputVocabulary, atLeast: 8)
    let embeds = decode.steps.contains { $0.inputVector != nil }
    // Words make the top predictions wider than characters do.
    let topWidth = model.outputVocabulary.unit == .word ? 3 * (width + 5) : 30
    lines.append(
      " step  " + Self.column("fed", max(15, width)) + Self.column("source", 19) + Self.column("target", width)
        + Self.column("predicted", max(11, width + 2)) + Self.column("top predictions", topWidth) + "loss  " + gateHeader
        + Self.embeddingHeader(embeds))
    for step in decode.steps {
      // A conditioned decoder reads the encoding beside the token: "enc + 'b'".
      let fed = step.fedToken.map { step.readsRepeatedVector == true ? "enc + " + token($0) : token($0) } ?? "encoding"
      let source: String
      switch step.fedTokenSource {
      case .startToken: source = "start token"
      case .groundTruth: source = "ground truth"
      case .ownPrediction: source = "own prediction"
      case .repeatedEncoding: source = "repeated encoding"
      }
      let top = step.probabilities.enumerated().sorted {
        $0.element > $1.element || ($0.element == $1.element && $0.offset < $1.offset)
      }
      .prefix(3).map { token(vocabulary[$0.offset]) + " " + String(format: "%.2f", $0.element) }.joined(separator: " ")
      let target = step.target.map(token) ?? "-"
      let marker = step.target != nil && step.target != step.predicted ? " ✗" : ""
      lines.append(
        String(format: "%5d  ", step.step) + Self.column(fed, max(15, width)) + Self.column(source, 19)
          + Self.column(target, width) + Self.column(token(step.predicted) + marker, max(11, width + 2))
          + Self.column(top, topWidth)
          + (step.loss.map { String(format: "%5.2f", $0) } ?? "    -") + "  " + gateCells(step.state)
          + Self.embeddingCells(step.inputVector))
    }
    let stop: String
    switch decode.stopReason {
    case .endToken: stop = "it wrote the end token"
    case .maxLength: stop = "it reached the length limit"
    case .fixedLength: stop = "a repeat bridge writes a fixed number of tokens"
    case .targetEnd: stop = "the target ended"
    }
    lines.append(
      "  output \(quoted(decode.output, in: model.outputVocabulary)); stopped because \(stop)"
        + (decode.meanLoss.map { String(format: "; mean loss %.3f", $0) } ?? ""))
    return lines
  }
}
