import Markup
import TraceCore

/// Heatmaps of time × units for each gate and state of the encoder or the decoder: one
/// small table per quantity, units down, steps across, every cell coloured by a binned
/// colour-blind-safe scale and carrying its number as text.
///
/// ```
/// HeatmapFigure(trace: trace, part: .encoder, units: [0, 1, 2, 3], markedStep: 1, id: "heat").html
/// // <figure class="figure heatmap-figure" id="heat">…<table class="heatmap" …>
/// //   <caption>forget gate f</caption>…<td class="s7">0.82</td>…
/// ```
/// The current step's column is outlined and its header says “current”; stepper.js lets
/// arrow keys walk the cells and reads each one out, so values never need a mouse.
public struct HeatmapFigure: Sendable {
  /// Which LSTM's steps form the columns.
  public enum Part: Equatable, Sendable {
    /// The forward (or only) encoder LSTM.
    case encoder
    /// The backward encoder LSTM, in its processing order.
    case backwardEncoder
    /// The decoder in the free-running decode.
    case decoder
    /// The decoder in the teacher-forced decode.
    case teacherForcedDecoder
    /// A bidirectional decoder's backward half in the teacher-forced decode, in its
    /// processing order (last step first).
    case backwardTeacherForcedDecoder
  }

  /// The trace to draw from.
  public var trace: ModelTrace
  /// Which LSTM to draw.
  public var part: Part
  /// The quantities to draw, one table each.
  public var quantities: [CellQuantity]
  /// The units (rows) to draw, in this order; units the layer does not have are skipped.
  public var units: [Int]
  /// The caption (plain text, escaped when drawn); a description of the tables when `nil`.
  public var caption: String?
  /// The step (column) to mark as current, if any.
  public var markedStep: Int?
  /// The id of a ``TraceWalkFigure`` whose current step this figure outlines as it steps.
  public var follows: String?
  /// The figure's element id.
  public var id: String

  /// Heatmaps of `part`; by default all six quantities of the first 8 units.
  public init(
    trace: ModelTrace, part: Part, quantities: [CellQuantity] = CellQuantity.allCases, units: [Int] = Array(0..<8),
    caption: String? = nil,
    markedStep: Int? = nil, follows: String? = nil, id: String
  ) {
    self.trace = trace
    self.follows = follows
    self.part = part
    self.quantities = quantities
    self.units = units
    self.caption = caption
    self.markedStep = markedStep
    self.id = id
  }

  /// The complete `<figure>`.
  public var html: HTML {
    let reader = TraceReader(trace)
    let columns = self.columns(reader)
    let layerUnits = columns.first?.record.hidden.count ?? 0
    let rows = units.filter { (0..<layerUnits).contains($0) }
    // A follower names its columns' steps once; stepper.js outlines the matching <col>.
    let following: HTML? = follows.map {
      " data-follows=\"\($0)\" data-columns=\"\(columns.map { $0.step.anchor }.joined(separator: " "))\""
    }
    let frame = FigureFrame(
      kind: "heatmap-figure", id: id, attributes: " data-panel=\"heatmaps\"" + (following ?? ""), caption: caption)
    var html = frame.start
    html += "<div class=\"legends\">" + ColorScale.gate.legendHTML(label: "gates i, f, o")
    let signed = columns.flatMap { column in
      quantities.filter { $0.scaleKind == .diverging }.flatMap { $0.values(in: column.record) }
    }
    let diverging = ColorScale.diverging(covering: signed)
    html += diverging.legendHTML(label: "g, c, h") + "</div>"
    html += "<p class=\"readout\" aria-hidden=\"true\">Move over a cell, or focus one and use the arrow keys, to read it.</p>"
    html += "<div class=\"heatmaps\">"
    for quantity in quantities {
      let scale = quantity.scaleKind == .sequential ? ColorScale.gate : diverging
      html += "<div class=\"heatmap-scroll\" data-panel=\"\(quantity.panel)\"><table class=\"heatmap\" data-grid>"
      html += "<caption>\(quantity.name) <var>\(quantity.symbol)</var></caption><colgroup><col>"
      for column in columns.indices {
        html += column == markedStep ? "<col class=\"current\">" : "<col>"
      }
      html += "</colgroup><thead><tr><th scope=\"col\">unit</th>"
      for (index, column) in columns.enumerated() {
        html +=
          "<th scope=\"col\"><span class=\"vh\">step </span>\(index + 1) <span class=\"tok\">\(reader.token(column.label))</span>"
        html += index == markedStep ? "<span class=\"current-mark\"><span aria-hidden=\"true\">▲</span> current</span>" : ""
        html += "</th>"
      }
      html += "</tr></thead><tbody>"
      for unit in rows {
        html += "<tr><th scope=\"row\">\(unit)</th>"
        for column in columns {
          let value = quantity.values(in: column.record)[unit]
          html += "<td class=\"\(scale.className(for: value))\">\(NumberText.fixed(value))</td>"
        }
        html += "</tr>"
      }
      html += "</tbody></table></div>"
    }
    html += "</div>"
    let contiguous = rows.count > 1 && zip(rows, rows.dropFirst()).allSatisfy { $1 == $0 + 1 }
    let list = contiguous ? "\(rows[0])–\(rows[rows.count - 1])" : rows.map(String.init).joined(separator: ", ")
    let shownUnits = rows.isEmpty ? "no units" : "units \(list) of \(layerUnits)"
    return html
      + frame.end(
        caption:
          "\(partName): each table is one quantity, rows are units (\(shownUnits)), columns are steps with the token read. "
          + "Colour and number show the same value.")
  }

  private var partName: String {
    switch part {
    case .encoder: return trace.model.kind.readsBothDirections ? "Forward encoder" : "Encoder"
    case .backwardEncoder: return "Backward encoder (processing order, last position first)"
    case .decoder: return "Decoder, free-running"
    case .teacherForcedDecoder: return "Decoder, teacher-forced"
    case .backwardTeacherForcedDecoder: return "Decoder's backward half, teacher-forced (processing order, last step first)"
    }
  }

  private func columns(_ reader: TraceReader) -> [(label: String, record: CellRecord, step: TraceStep)] {
    switch part {
    case .encoder: return trace.encoder.forward.enumerated().map { ($1.token, $1.state, .encoder($0)) }
    case .backwardEncoder: return (trace.encoder.backward ?? []).enumerated().map { ($1.token, $1.state, .backward($0)) }
    case .decoder: return (trace.freeRunningDecode?.steps ?? []).enumerated().map { ($1.fedToken ?? "≡", $1.state, .decoder($0)) }
    case .teacherForcedDecoder:
      return (trace.teacherForced?.steps ?? []).enumerated().map { ($1.fedToken ?? "≡", $1.state, .teacherForced($0)) }
    case .backwardTeacherForcedDecoder:
      let steps = (trace.teacherForced?.steps ?? []).enumerated().reversed()
      return steps.compactMap { index, step in
        step.backwardState.map { (step.fedToken ?? "≡", $0, .teacherForced(index)) }
      }
    }
  }
}
