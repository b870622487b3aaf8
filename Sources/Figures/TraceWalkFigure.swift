import Markup
import TraceCore

/// The whole walk through a trace as a stepper: an overview of encoder tokens, bridge and
/// decoder steps, then one panel per step with the LSTM cell, the fed token and its source
/// badge, and the top predictions as bars with the chosen one marked.
///
/// ```
/// TraceWalkFigure(trace: trace, id: "walk").html
/// // <figure class="figure stepper walk-figure" id="walk" data-stepper …>
/// //   <ol class="steps"><li class="step" id="walk/encoder-0" data-step="encoder-0"
/// //     data-announce="encoder step 1 of 5: read ‘␣’">…
/// //   <li … id="walk/decoder-1" data-announce="decoder step 2 of 2: fed ‘1’ (own prediction), predicted ‘2’">…
/// ```
/// Without JavaScript every step is on the page in order; stepper.js shows one at a time.
public struct TraceWalkFigure: Sendable {
  /// The trace to walk.
  public var trace: ModelTrace
  /// Which decode the decoder steps show.
  public var feeding: DecodeRecord.Feeding
  /// The unit whose arithmetic each cell works out.
  public var unit: Int
  /// How many predictions each decoder step lists.
  public var topK: Int
  /// The figure's element id, also the first part of every step's URL hash.
  public var id: String
  /// The caption (plain text; escaped when drawn). A default is written when `nil`.
  public var caption: String?
  /// How much each step shows.
  public var detail: Detail
  /// The steps to include, in walking order; `nil` walks them all (encoder, bridge, decoder).
  public var steps: [TraceStep]?
  /// How many units each step's table lists (full detail).
  public var listedUnits: Int
  /// Whether each step carries its ``Narration`` (shown under the step, read by the live
  /// region, and shown in present mode's notes); a compact walk's narration leaves out the
  /// gates and the cell.
  public var narrates: Bool
  /// The lesson's presenter notes for this figure (trusted HTML, already escaped), or `nil`.
  /// Shown on the page as a closed "Notes for the teacher" box, and in present mode's notes
  /// under each step's narration.
  public var notes: HTML?

  /// How much of the LSTM each step shows.
  public enum Detail: Sendable {
    /// The cell diagram with its values, the worked arithmetic and a per-unit table (about
    /// 4 KB a step).
    case full
    /// The means in one line and the worked arithmetic (about 1.5 KB a step): for second
    /// and third examples on a page.
    case compact
  }

  /// A walk through `trace`, decoder steps from the `feeding` decode.
  public init(
    trace: ModelTrace, feeding: DecodeRecord.Feeding = .freeRunning, unit: Int = 0, topK: Int = 5, id: String,
    caption: String? = nil, detail: Detail = .full, listedUnits: Int = 4, steps: [TraceStep]? = nil,
    narrates: Bool = true, notes: HTML? = nil
  ) {
    self.narrates = narrates
    self.notes = notes
    self.steps = steps
    self.detail = detail
    self.listedUnits = listedUnits
    self.trace = trace
    self.feeding = feeding
    self.unit = unit
    self.topK = topK
    self.id = id
    self.caption = caption
  }

  /// What the decoder reads at each step, by the model's kind and the decode's feeding: a
  /// plain repeat bridge's decoder reads only the repeated encoding, whichever decode it is.
  ///
  /// ```
  /// howTheDecoderIsFed(additionTrace, .teacherForced)  // "reads the repeated encoding at every step."
  /// ```
  static func howTheDecoderIsFed(_ trace: ModelTrace, _ feeding: DecodeRecord.Feeding) -> String {
    switch (trace.model.kind.decoderInput, feeding) {
    case (.repeatedEncoding, _):
      return "reads the repeated encoding at every step."
    case (.repeatedEncodingAndPreviousToken, .teacherForced):
      return "reads the repeated encoding and the true previous token (teacher forcing)."
    case (.repeatedEncodingAndPreviousToken, .freeRunning):
      return "reads the repeated encoding and its own previous prediction (free-running)."
    case (.previousToken, .teacherForced):
      return "is fed the true previous token (teacher forcing)."
    case (.previousToken, .freeRunning):
      return "is fed its own previous prediction (free-running)."
    }
  }

  /// The complete `<figure>`.
  public var html: HTML {
    let reader = TraceReader(trace)
    let all = reader.walkSteps(feeding: feeding)
    let steps = self.steps.map { chosen in all.filter(chosen.contains) } ?? all
    let decode = feeding == .teacherForced ? trace.teacherForced : trace.freeRunningDecode
    var seriesCaption: String? = nil
    if case .forecast = trace.decodes {
      seriesCaption =
        "Step through the series in \(trace.model.name): the encoder reads one value a step, the bridge hands over, and the decoder writes one value a step from the repeated encoding."
    }
    let captionText =
      caption ?? seriesCaption
      ?? "Step through “\(HTML.displayText(trace.input, in: trace.model.inputVocabulary))” in \(trace.model.name): "
      + "the encoder reads each token, the bridge hands over, and the decoder " + Self.howTheDecoderIsFed(trace, feeding)
    var html: HTML =
      "<figure class=\"figure stepper walk-figure\" id=\"\(id)\" data-stepper tabindex=\"-1\" aria-labelledby=\"\(id)-caption\">"
    html += "<figcaption id=\"\(id)-caption\">\(captionText)</figcaption>"
    html += overview(reader: reader, decode: decode)
    html += StepperMarkup.list(
      figureID: id,
      steps: steps.map { step in
        var markup = stepMarkup(step, reader: reader)
        if narrates { markup.body += PresentMarkup.narration(Narration(step: step, in: trace, includesCell: detail == .full)) }
        return markup
      })
    if let notes { html += PresentMarkup.notes(notes) }
    return html + "</figure>"
  }

  private func overview(reader: TraceReader, decode: DecodeRecord?) -> HTML {
    var html: HTML = "<div class=\"walk-overview\" role=\"group\" aria-label=\"Overview of all steps\" data-panel=\"tokens\">"
    html += "<div class=\"lane\"><span class=\"lane-label\">encoder reads</span><ol class=\"token-row\">"
    for (index, step) in trace.encoder.forward.enumerated() {
      html +=
        "<li class=\"tok-box\" data-for-step=\"encoder-\(index)\"><span class=\"tok\">\(reader.token(step.token))</span></li>"
    }
    html += "</ol></div>"
    if let backward = trace.encoder.backward {
      html += "<div class=\"lane\"><span class=\"lane-label\">backward reads</span><ol class=\"token-row\">"
      for (index, step) in backward.enumerated() {
        html +=
          "<li class=\"tok-box\" data-for-step=\"backward-\(index)\"><span class=\"tok\">\(reader.token(step.token))</span></li>"
      }
      html += "</ol></div>"
    }
    html +=
      "<div class=\"lane\"><span class=\"lane-label\">bridge</span><ol class=\"token-row\"><li class=\"tok-box bridge-box\" data-for-step=\"bridge-0\">\(bridgeShortName)</li></ol></div>"
    html += "<div class=\"lane\"><span class=\"lane-label\">decoder fed → writes</span><ol class=\"token-row\">"
    for step in decode?.steps ?? [] {
      let anchor = feeding == .teacherForced ? TraceStep.teacherForced(step.step).anchor : TraceStep.decoder(step.step).anchor
      html += "<li class=\"tok-box dec-box\" data-for-step=\"\(anchor)\">"
      if step.readsRepeatedVector == true {
        html +=
          "<span class=\"src-icon\" title=\"repeated encoding\"><span aria-hidden=\"true\">≡</span>"
          + "<span class=\"vh\"> repeated encoding and</span></span>"
      }
      if let fed = step.fedToken { html += "<span class=\"tok\">\(reader.token(fed))</span>" }
      html +=
        "<span class=\"src-icon\" title=\"\(SourceBadge.label(step.fedTokenSource))\"><span aria-hidden=\"true\">\(SourceBadge.icon(step.fedTokenSource))</span><span class=\"vh\"> \(SourceBadge.label(step.fedTokenSource))</span></span>"
      html +=
        "<span class=\"arrow\" aria-hidden=\"true\">↓</span><span class=\"vh\">, writes </span><span class=\"tok out\">\(reader.token(step.predicted))</span></li>"
    }
    html += "</ol></div></div>"
    return html
  }

  private var bridgeShortName: String {
    switch trace.bridge.kind {
    case .states: return "h, c → decoder"
    case .repeatVector: return "repeat ×\(trace.bridge.repeatCount ?? trace.primaryDecode.steps.count)"
    }
  }

  private func stepMarkup(_ step: TraceStep, reader: TraceReader) -> StepperMarkup.Step {
    let name = LSTMCellFigure.stepName(step, reader: reader)
    let title = name.prefix(1).uppercased() + name.dropFirst()
    switch step {
    case .encoder(let i), .backward(let i):
      let record = step == .encoder(i) ? trace.encoder.forward[i] : trace.encoder.backward![i]
      let token = reader.plainToken(record.token)
      let noun = record.values == nil ? "" : "the value "
      var body: HTML =
        "<p class=\"step-lede\">Reads \(noun)<span class=\"tok\">\(token)</span> at position \(record.position + 1) of \(trace.encoder.tokens.count).</p>"
      body += embeddingRow(record.inputVector, token: token, table: "encoder")
      body += cellDetail(step, reader: reader)
      return .init(anchor: step.anchor, title: HTML(text: String(title)), announce: "\(name): read ‘\(token)’", body: body)
    case .bridge:
      return .init(
        anchor: step.anchor, title: "The bridge", announce: "bridge: \(bridgeSentence)", body: bridgeBody(reader: reader))
    case .decoder(let i), .teacherForced(let i):
      let decode = (feeding == .teacherForced ? trace.teacherForced : trace.freeRunningDecode)!
      let record = decode.steps[i]
      let fed = record.fedToken.map(reader.plainToken) ?? "the repeated encoding"
      let fedQuoted = record.fedToken == nil ? fed : "‘\(fed)’"
      let predicted = reader.plainToken(record.predicted)
      let encoding: HTML =
        record.readsRepeatedVector == true ? "the repeated encoding \(SourceBadge.html(.repeatedEncoding)) and " : ""
      let fedMarkup: HTML = record.fedToken == nil ? "the repeated encoding" : "<span class=\"tok\">\(fed)</span>"
      var body: HTML =
        "<p class=\"step-lede\">Fed \(encoding)\(fedMarkup) \(SourceBadge.html(record.fedTokenSource))"
      if let target = record.target {
        body += " <span class=\"step-target\">· target <span class=\"tok\">\(reader.token(target))</span></span>"
      }
      if record.fedToken == nil {
        body += " <span class=\"step-note\">The same vector as at every other step: only the decoder's own state differs.</span>"
      } else if record.readsRepeatedVector == true {
        body += " <span class=\"step-note\">The encoding is the same at every step; the token is this step's own.</span>"
      }
      body += "</p>"
      body += embeddingRow(record.inputVector, token: fed, table: "decoder")
      body += "<div class=\"decoder-step\">"
      body += cellDetail(step, reader: reader)
      body += record.predictedValues == nil ? predictions(record, reader: reader) : forecastValue(record)
      body += "</div>"
      if record.predictedValues != nil {
        let truth = record.target.map { ", true value \($0)" } ?? ""
        return .init(
          anchor: step.anchor, title: HTML(text: String(title)),
          announce: "\(name): fed the repeated encoding, wrote \(record.predicted)\(truth)", body: body)
      }
      let alsoEncoding = record.readsRepeatedVector == true ? "the repeated encoding and " : ""
      let announce =
        "\(name): fed \(alsoEncoding)\(fedQuoted) (\(SourceBadge.label(record.fedTokenSource))), predicted ‘\(predicted)’"
      return .init(anchor: step.anchor, title: HTML(text: String(title)), announce: announce, body: body)
    }
  }

  /// The vector a step read from an embedding table, as one labelled row of values; empty
  /// when the step read a one-hot vector.
  private func embeddingRow(_ vector: [Float]?, token: String, table: String) -> HTML {
    guard let vector else { return "" }
    return VectorStrip.table(
      [("embedding of ‘\(token)’", vector)],
      caption:
        "What the LSTM reads: row ‘\(token)’ of the \(table)'s embedding table (\(vector.count) numbers learned in training)",
      limit: 16, column: .dimension, panel: "embedding")
  }

  private func cellDetail(_ step: TraceStep, reader: TraceReader) -> HTML {
    let figure = LSTMCellFigure(trace: trace, step: step, unit: unit, listedUnits: listedUnits, id: "")
    switch detail {
    case .full: return figure.body(reader: reader, readout: false)
    case .compact: return figure.summary(reader: reader)
    }
  }

  private var bridgeSentence: String {
    switch trace.bridge.kind {
    case .states:
      return trace.model.kind.readsBothDirections
        ? "the forward and backward final states are joined and become the decoder's initial hidden and cell states"
        : "the encoder's final hidden and cell states become the decoder's initial states"
    case .repeatVector:
      return "the encoder's final output is repeated \(trace.bridge.repeatCount ?? 0) times, as the decoder's input at every step"
        + (trace.model.kind.decoderInput == .repeatedEncodingAndPreviousToken
          ? ", beside the token the decoder wrote last (a conditioned decoder)" : "")
    }
  }

  private func bridgeBody(reader: TraceReader) -> HTML {
    var html: HTML = "<p class=\"step-lede\">\(bridgeSentence.prefix(1).uppercased() + bridgeSentence.dropFirst()).</p>"
    var vectors: [(String, [Float])] = []
    switch trace.bridge.kind {
    case .states:
      if trace.model.kind.readsBothDirections {
        vectors += [("forward h", trace.bridge.forwardHidden ?? []), ("backward h", trace.bridge.backwardHidden ?? [])]
        vectors += [("forward c", trace.bridge.forwardCell ?? []), ("backward c", trace.bridge.backwardCell ?? [])]
      }
      vectors += [("decoder initial h", trace.bridge.hidden ?? []), ("decoder initial c", trace.bridge.cell ?? [])]
    case .repeatVector:
      vectors.append(("repeated vector", trace.bridge.repeatedVector ?? []))
    }
    html += VectorStrip.table(vectors, caption: "Vectors handed over", limit: 12)
    return html
  }

  /// A forecaster's step: the value the linear layer wrote, the true value and the error.
  private func forecastValue(_ record: DecoderStepRecord) -> HTML {
    var html: HTML =
      "<div class=\"predictions forecast-value\" data-panel=\"predictions\"><p class=\"pred-title\">Value written</p>"
    html +=
      "<p>y = h·W + b = <strong class=\"tok out\">\(record.predicted)</strong> (a linear Dense layer: no softmax)</p>"
    if let target = record.target {
      html += "<p><span class=\"target-mark\"><span aria-hidden=\"true\">◎</span> true value</span> \(target)</p>"
    }
    if let loss = record.loss { html += "<p class=\"loss\">Squared error (y − true)² = \(NumberText.significant(loss))</p>" }
    return html + "</div>"
  }

  private func predictions(_ record: DecoderStepRecord, reader: TraceReader) -> HTML {
    var html: HTML =
      "<div class=\"predictions\" data-panel=\"predictions\"><p class=\"pred-title\">Top \(topK) predictions</p><ol class=\"topk\">"
    for (token, probability) in reader.topPredictions(record, count: topK) {
      let chosen = token == record.predicted
      let isTarget = token == record.target
      html += "<li\(chosen ? " class=\"chosen\"" : "" as HTML)><span class=\"tok\">\(reader.token(token))</span>"
      html +=
        "<span class=\"bar\"><span class=\"fill\" style=\"width:\(NumberText.coordinate(Double(probability) * 100))%\"></span></span>"
      html += "<span class=\"prob\">\(NumberText.percent(probability))</span>"
      html += chosen ? "<span class=\"chosen-mark\"><span aria-hidden=\"true\">✔</span> chosen</span>" : ""
      html += isTarget && !chosen ? "<span class=\"target-mark\"><span aria-hidden=\"true\">◎</span> target</span>" : ""
      html += "</li>"
    }
    html += "</ol>"
    if let loss = record.loss { html += "<p class=\"loss\">Loss −log p(target) = \(NumberText.significant(loss))</p>" }
    return html + "</div>"
  }
}
