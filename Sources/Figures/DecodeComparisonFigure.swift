import Markup
import TraceCore

/// Teacher-forced and free-running decodes side by side, step by step, with the first
/// divergence marked by text and a flag, not by colour alone.
///
/// ```
/// DecodeComparisonFigure(trace: trace, id: "compare").html
/// // <figure class="figure compare-figure" id="compare"><table class="compare">…
/// //   <tr class="diverges"><th scope="row">2 <span class="diverge-mark">⚑ first divergence</span></th>…
/// ```
public struct DecodeComparisonFigure: Sendable {
  /// The trace to draw from.
  public var trace: ModelTrace
  /// The figure's element id.
  public var id: String
  /// The caption (plain text, escaped when drawn), put before the generated description.
  public var caption: String?

  /// The comparison of the two decodes of `trace`.
  public init(trace: ModelTrace, caption: String? = nil, id: String) {
    self.caption = caption
    self.trace = trace
    self.id = id
  }

  /// The complete `<figure>`.
  public var html: HTML {
    let reader = TraceReader(trace)
    let frame = FigureFrame(kind: "compare-figure", id: id, attributes: " data-panel=\"comparison\"", caption: caption)
    var html = frame.start
    let free = trace.primaryDecode
    guard case .tokens(_, let comparison?) = trace.decodes else {
      html += "<p>No target was given, so there is only the free-running decode: “\(reader.text(free.output))”.</p>"
      return html
        + frame.end(caption: "Free-running decode of “\(HTML.displayText(trace.input, in: trace.model.inputVocabulary))”.")
    }
    let forced = comparison.teacherForced
    let count = max(forced.steps.count, free.steps.count)
    html +=
      "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Teacher-forced and free-running decodes\"><table class=\"compare\"><thead>"
    html +=
      "<tr><th scope=\"col\" rowspan=\"2\">step</th><th scope=\"colgroup\" colspan=\"3\">teacher-forced</th><th scope=\"colgroup\" colspan=\"3\">free-running</th></tr>"
    html +=
      "<tr><th scope=\"col\">fed</th><th scope=\"col\">predicted</th><th scope=\"col\">p(target)</th><th scope=\"col\">fed</th><th scope=\"col\">predicted</th><th scope=\"col\">p(target)</th></tr></thead><tbody>"
    for index in 0..<count {
      let diverges = index == comparison.firstDivergence
      html += "<tr\(diverges ? " class=\"diverges\"" : "" as HTML)><th scope=\"row\">\(index + 1)"
      if diverges { html += " <span class=\"diverge-mark\"><span aria-hidden=\"true\">⚑</span> first divergence</span>" }
      html += "</th>"
      for decode in [forced, free] {
        guard let step = decode.steps[safe: index] else {
          html += "<td colspan=\"3\" class=\"stopped\">stopped (\(Self.stopText(decode.stopReason)))</td>"
          continue
        }
        let encoding: HTML = step.readsRepeatedVector == true ? SourceBadge.html(.repeatedEncoding) + " + " : ""
        html +=
          "<td>\(encoding)\(step.fedToken.map { "<span class=\"tok\">\(reader.token($0))</span> " as HTML } ?? "")\(SourceBadge.html(step.fedTokenSource))</td>"
        let correct = step.target.map { $0 == step.predicted }
        let mark: HTML =
          correct.map {
            $0
              ? "<span class=\"ok\"><span aria-hidden=\"true\">✔</span><span class=\"vh\"> matches target</span></span>"
              : "<span class=\"wrong\"><span aria-hidden=\"true\">✘</span><span class=\"vh\"> differs from target</span></span>"
          } ?? ""
        html += "<td><span class=\"tok\">\(reader.token(step.predicted))</span> \(mark)</td>"
        html += "<td class=\"num\">\(targetProbability(step).map(NumberText.percent) ?? "—")</td>"
      }
      html += "</tr>"
    }
    html += "</tbody><tfoot><tr><th scope=\"row\">output</th>"
    for decode in [forced, free] {
      html += "<td colspan=\"3\"><span class=\"tok\">\(reader.text(decode.output))</span>"
      html += decode.meanLoss.map { " · mean loss \(NumberText.significant($0))" } ?? ""
      html += "</td>"
    }
    html += "</tr></tfoot></table></div>"
    let divergence =
      comparison.firstDivergence.map { "They first part at step \($0 + 1) (marked ⚑)." }
      ?? "They are fed the same tokens at every step."
    let repeated =
      trace.model.kind.decoderInput == .repeatedEncodingAndPreviousToken
      ? "Every step of both also reads the same repeated encoding. " : ""
    return html
      + frame.end(
        caption:
          "Teacher forcing feeds the true previous token; free-running feeds the model's own prediction. \(repeated)\(divergence) Target: “\(HTML.displayText(trace.target ?? "", in: trace.model.outputVocabulary))”."
      )
  }

  private func targetProbability(_ step: DecoderStepRecord) -> Float? {
    guard let target = step.target, let id = trace.model.outputVocabulary.id(of: target) else { return nil }
    return step.probabilities[safe: id]
  }

  static func stopText(_ reason: StopReason) -> String {
    switch reason {
    case .endToken: return "wrote the end token"
    case .maxLength: return "reached the length limit"
    case .fixedLength: return "fixed length"
    case .targetEnd: return "end of target"
    }
  }
}
