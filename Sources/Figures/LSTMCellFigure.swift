import Markup
import TraceCore

/// The LSTM cell at one step, drawn as the classic diagram with the step's real values:
/// the mean of every gate and state on the diagram, each unit's value on hover and focus,
/// and the arithmetic of one unit worked out.
///
/// ```
/// LSTMCellFigure(trace: trace, step: .encoder(2), unit: 3, id: "cell").html
/// // <figure class="figure cell-figure" id="cell">…<svg …><use href="#lstm-cell-skeleton"/>…
/// //   c<sub>t</sub> = f ⊙ c<sub>t−1</sub> + i ⊙ g = 0.91 × 0.30 + 0.42 × (−0.12) = 0.22 …
/// ```
/// The diagram's fixed shapes live once per page in ``SVGDefinitions``.
public struct LSTMCellFigure: Sendable {
  /// The trace to draw from.
  public var trace: ModelTrace
  /// The step to show.
  public var step: TraceStep
  /// The unit whose arithmetic is worked out.
  public var unit: Int
  /// How many units (from the first) each node lists on hover and focus.
  public var listedUnits: Int
  /// The figure's element id.
  public var id: String
  /// The caption (plain text, escaped when drawn), put before the generated description.
  public var caption: String?

  /// A cell figure for `step`, working out `unit`.
  public init(trace: ModelTrace, step: TraceStep, unit: Int = 0, listedUnits: Int = 6, caption: String? = nil, id: String) {
    self.caption = caption
    self.trace = trace
    self.step = step
    self.unit = unit
    self.listedUnits = listedUnits
    self.id = id
  }

  /// The complete `<figure>`.
  public var html: HTML {
    let reader = TraceReader(trace)
    let generated = "The LSTM cell at \(Self.stepName(step, reader: reader)), reading “\(reader.inputText(at: step))”."
    let frame = FigureFrame(kind: "cell-figure", id: id, caption: caption)
    return frame.start + body(reader: reader, readout: true)
      + frame.end(caption: "\(generated) Mean values are shown on the diagram; focus or hover a value for each unit.")
  }

  /// `encoder step 2 of 5`, `decoder step 1 of 3 (teacher forced)`.
  static func stepName(_ step: TraceStep, reader: TraceReader) -> String {
    let trace = reader.trace
    switch step {
    case .encoder(let i):
      return "encoder step \(i + 1) of \(trace.encoder.forward.count)"
        + (trace.model.kind.readsBothDirections ? " (forward)" : "")
    case .backward(let i): return "backward encoder step \(i + 1) of \(trace.encoder.backward?.count ?? 0)"
    case .bridge: return "the bridge"
    case .decoder(let i): return "decoder step \(i + 1) of \(trace.freeRunningDecode?.steps.count ?? 0)"
    case .teacherForced(let i):
      // A plain repeat bridge's decoder reads only the repeated encoding: its two decodes are one.
      let decode = trace.model.kind.decoderReadsTokens ? "teacher-forced decoder" : "decoder"
      return "\(decode) step \(i + 1) of \(trace.teacherForced?.steps.count ?? 0)"
    }
  }

  /// The step's means in one line and the worked arithmetic: the walk's compact detail.
  func summary(reader: TraceReader) -> HTML {
    guard let cell = reader.cell(at: step) else { return "" }
    let unit = min(max(0, self.unit), max(0, cell.hidden.count - 1))
    let means = CellQuantity.allCases.map { "<var>\($0.symbol)</var> \(NumberText.fixed($0.values(in: cell).mean))" as HTML }
      .joined(
        separator: " · ")
    return "<div class=\"cell-view\"><p class=\"gate-means\">Means over \(cell.hidden.count) units: \(means)</p>"
      + workedArithmetic(cell: cell, previous: reader.previous(at: step), unit: unit) + "</div>"
  }

  /// The diagram, the per-unit table and the worked arithmetic, without the `<figure>`;
  /// `readout` adds the line where hovered and focused values are read out (a stepper has
  /// one in its controls instead).
  func body(reader: TraceReader, readout: Bool) -> HTML {
    guard let cell = reader.cell(at: step) else { return "<p>No LSTM step here.</p>" }
    let previous = reader.previous(at: step)
    let shown = min(listedUnits, cell.hidden.count)
    let unit = min(max(0, self.unit), max(0, cell.hidden.count - 1))
    let input = reader.inputText(at: step)

    // Each node's label names the quantity, its mean and the worked unit; stepper.js adds
    // the other listed units from the step's table (column `data-col`) to the read-out.
    func node(
      _ x: Int, _ y: Int, _ column: Int, _ symbol: String, _ name: String, _ values: [Float], scale: ColorScale, panel: String
    ) -> HTML {
      let mean = values.mean
      let label =
        "\(name)\(symbol.isEmpty ? "" : " " + symbol): mean \(NumberText.fixed(mean, decimals: 3)), unit \(unit) \(NumberText.fixed(values[safe: unit] ?? 0, decimals: 3))"
      return
        "<g class=\"node\" tabindex=\"0\" role=\"img\" aria-label=\"\(label)\" data-col=\"\(column)\" data-panel=\"\(panel)\" transform=\"translate(\(x) \(y))\">"
        + "<rect class=\"\(scale.className(for: mean))\" width=\"64\" height=\"22\" rx=\"4\"/>"
        + "<text x=\"32\" y=\"15\">\(NumberText.fixed(mean))</text></g>"
    }
    let state = ColorScale.diverging(covering: cell.cell + previous.cell)
    var svg: HTML =
      "<div class=\"cell-svg\" role=\"group\" aria-label=\"LSTM cell diagram with the step's mean values\"><svg class=\"cell-diagram\" viewBox=\"0 0 660 330\">"
    svg += "<use href=\"#lstm-cell-skeleton\" width=\"660\" height=\"330\"/>"
    svg +=
      "<text class=\"xt\" x=\"60\" y=\"322\">x<tspan baseline-shift=\"sub\" font-size=\"70%\">t</tspan> = \(input)</text>"
    svg += node(14, 72, 1, "", "previous cell state", previous.cell, scale: state, panel: "cell")
    svg += node(
      14, 250, 2, "", "previous hidden state", previous.hidden, scale: .diverging(covering: previous.hidden), panel: "hidden")
    svg += node(138, 232, 3, "f", "forget gate", cell.forgetGate, scale: .gate, panel: "gates")
    svg += node(238, 232, 4, "i", "input gate", cell.inputGate, scale: .gate, panel: "gates")
    svg += node(338, 232, 5, "g", "candidate", cell.candidate, scale: .diverging(covering: cell.candidate), panel: "candidate")
    svg += node(438, 232, 6, "o", "output gate", cell.outputGate, scale: .gate, panel: "gates")
    svg += node(582, 72, 7, "", "new cell state", cell.cell, scale: state, panel: "cell")
    svg += node(582, 196, 8, "", "new hidden state", cell.hidden, scale: .diverging(covering: cell.hidden), panel: "hidden")
    svg += "</svg></div>"

    var html: HTML = "<div class=\"cell-view\">" + svg
    if readout { html += "<p class=\"readout\" aria-hidden=\"true\">Focus or hover a value to read each unit.</p>" }
    html += workedArithmetic(cell: cell, previous: previous, unit: unit)
    html += unitTable(cell: cell, previous: previous, shown: shown)
    return html + "</div>"
  }

  private func workedArithmetic(cell: CellRecord, previous: (cell: [Float], hidden: [Float]), unit: Int) -> HTML {
    guard cell.cell.indices.contains(unit) else { return "" }
    let f = cell.forgetGate[unit], i = cell.inputGate[unit], g = cell.candidate[unit], o = cell.outputGate[unit]
    let c0 = previous.cell[safe: unit] ?? 0, c = cell.cell[unit], h = cell.hidden[unit]
    func n(_ value: Float) -> String {
      let text = NumberText.fixed(value)
      return value < 0 && text.hasPrefix("−") ? "(\(text))" : text
    }
    let sub = { (s: String) -> HTML in "<sub>\(s)</sub>" }
    var html: HTML =
      "<div class=\"arithmetic\" data-panel=\"arithmetic\"><p class=\"arith-title\">Unit \(unit), worked out (values rounded to two decimals):</p>"
    html +=
      "<p class=\"math\" data-panel=\"cell\"><var>c</var>\(sub("t")) = <var>f</var> ⊙ <var>c</var>\(sub("t−1")) + <var>i</var> ⊙ <var>g</var>"
    html += " = \(n(f)) × \(n(c0)) + \(n(i)) × \(n(g)) = <strong>\(NumberText.fixed(c))</strong></p>"
    html +=
      "<p class=\"math\" data-panel=\"hidden\"><var>h</var>\(sub("t")) = <var>o</var> ⊙ tanh(<var>c</var>\(sub("t"))) = \(n(o)) × tanh(\(NumberText.fixed(c)))"
    html += " = \(n(o)) × \(n(Activation.hyperbolicTangent(c))) = <strong>\(NumberText.fixed(h))</strong></p></div>"
    return html
  }

  private func unitTable(cell: CellRecord, previous: (cell: [Float], hidden: [Float]), shown: Int) -> HTML {
    var html: HTML =
      "<details class=\"unit-table\" data-panel=\"table\"><summary>Units 0–\(max(0, shown - 1)) of \(cell.hidden.count) as a table</summary>"
    html +=
      "<table class=\"numbers\"><thead><tr><th scope=\"col\">unit</th><th scope=\"col\">c<sub>t−1</sub></th><th scope=\"col\">h<sub>t−1</sub></th>"
    html +=
      "<th scope=\"col\">f</th><th scope=\"col\">i</th><th scope=\"col\">g</th><th scope=\"col\">o</th><th scope=\"col\">c<sub>t</sub></th><th scope=\"col\">h<sub>t</sub></th></tr></thead><tbody>"
    for unit in 0..<shown {
      let values = [
        previous.cell[safe: unit] ?? 0, previous.hidden[safe: unit] ?? 0, cell.forgetGate[unit], cell.inputGate[unit],
        cell.candidate[unit],
        cell.outputGate[unit], cell.cell[unit], cell.hidden[unit],
      ]
      html += "<tr><th scope=\"row\">\(unit)</th>" + values.map { "<td>\(NumberText.fixed($0))</td>" as HTML }.joined() + "</tr>"
    }
    return html + "</tbody></table></details>"
  }

}
