import Markup
import TraceCore

/// A bidirectional encoder's two directions aligned by position, and their merge: for
/// each position, the forward step that read it, the backward step that read it (which
/// ran in the opposite order), their hidden states and the merged output.
///
/// ```
/// BidirectionalFigure(trace: trace, id: "bi").html
/// // <figure class="figure bi-figure" id="bi">…<th scope="row">forward → (step)</th><td>1</td>…
/// //   <caption>… merge mode concat: [h→ | h←] …</caption>
/// ```
public struct BidirectionalFigure: Sendable {
  /// The trace to draw from; must come from a bidirectional model.
  public var trace: ModelTrace
  /// How many units of each hidden state to show.
  public var units: Int
  /// The figure's element id.
  public var id: String
  /// The caption (plain text, escaped when drawn), put before the generated description.
  public var caption: String?

  /// The bidirectional view of `trace`.
  public init(trace: ModelTrace, units: Int = 6, caption: String? = nil, id: String) {
    self.caption = caption
    self.trace = trace
    self.units = units
    self.id = id
  }

  /// The complete `<figure>`; a short note when the model is not bidirectional.
  public var html: HTML {
    let reader = TraceReader(trace)
    let frame = FigureFrame(kind: "bi-figure", id: id, attributes: " data-panel=\"bidirectional\"", caption: caption)
    var html = frame.start
    guard case .bothDirections(let mode, _) = trace.model.kind.encoder, let backward = trace.encoder.backward else {
      return html + "<p>This model reads in one direction only.</p><figcaption>Not a bidirectional encoder.</figcaption></figure>"
    }
    let positions = trace.encoder.tokens.indices
    let forwardByPosition = Self.firstStepByPosition(trace.encoder.forward)
    let backwardByPosition = Self.firstStepByPosition(backward)
    html +=
      "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Forward and backward encoder by position\"><table class=\"bi\"><thead><tr><th scope=\"col\">position</th>"
    html += positions.map {
      "<th scope=\"col\">\($0 + 1) <span class=\"tok\">\(reader.token(trace.encoder.tokens[$0]))</span></th>"
    }.joined()
    html += "</tr></thead><tbody>"
    html += "<tr><th scope=\"row\">forward <span aria-hidden=\"true\">→</span> step</th>"
    html += positions.map { "<td class=\"num\">\(forwardByPosition[$0].map { String($0.0 + 1) } ?? "—")</td>" }.joined() + "</tr>"
    html += "<tr><th scope=\"row\">forward h<sub>→</sub></th>"
    html += positions.map { cell(forwardByPosition[$0]?.1.state.hidden) }.joined() + "</tr>"
    html += "<tr><th scope=\"row\">backward <span aria-hidden=\"true\">←</span> step</th>"
    html +=
      positions.map { "<td class=\"num\">\(backwardByPosition[$0].map { String($0.0 + 1) } ?? "—")</td>" }.joined() + "</tr>"
    html += "<tr><th scope=\"row\">backward h<sub>←</sub></th>"
    html += positions.map { cell(backwardByPosition[$0]?.1.state.hidden) }.joined() + "</tr>"
    if let merged = trace.encoder.merged {
      html += "<tr class=\"merged\"><th scope=\"row\">merged (\(mode.rawValue))</th>"
      html += positions.map { cell(merged[safe: $0]) }.joined() + "</tr>"
    }
    html += "</tbody></table></div>"
    return html
      + frame.end(
        caption:
          "The forward LSTM reads positions 1 to \(positions.count); the backward LSTM reads them from \(positions.count) down to 1, so at each position the two have seen opposite sides of the input. "
          + "Merge mode <strong>\(mode.rawValue)</strong>: \(Self.mergeFormula(mode)). Each cell lists the first \(units) units.")
  }

  /// The merge written out, e.g. `concat: [h→ | h←]`.
  static func mergeFormula(_ mode: MergeMode) -> String {
    switch mode {
    case .concat: return "[h→ | h←], the two vectors side by side"
    case .sum: return "h→ + h←, unit by unit"
    case .mul: return "h→ ⊙ h←, unit by unit"
    case .ave: return "(h→ + h←) / 2, unit by unit"
    case .none: return "no merge; both sequences are kept apart"
    }
  }

  private func cell(_ values: [Float]?) -> HTML {
    guard let values else { return "<td>—</td>" }
    let scale = ColorScale.diverging(covering: values)
    let chips = values.prefix(units).map {
      "<span class=\"chip \(scale.className(for: $0))\">\(NumberText.fixed($0))</span>" as HTML
    }
    .joined()
    return
      "<td class=\"chips\">\(chips)\(values.count > units ? "<span class=\"more\">+\(values.count - units)</span>" : "" as HTML)</td>"
  }
}

extension BidirectionalFigure {
  /// Each position's first step and its index among the steps.
  fileprivate static func firstStepByPosition(_ steps: [EncoderStepRecord]) -> [Int: (Int, EncoderStepRecord)] {
    var byPosition: [Int: (Int, EncoderStepRecord)] = [:]
    for (index, step) in steps.enumerated() where byPosition[step.position] == nil { byPosition[step.position] = (index, step) }
    return byPosition
  }
}
