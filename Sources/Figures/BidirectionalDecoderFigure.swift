import Markup
import TraceCore

/// Why a bidirectional decoder cannot decode free-running, drawn from its teacher-forced
/// decode: for each step, the tokens its forward half has read (fed at this step and
/// before: already written) and those its backward half has read (fed after this step:
/// the target from this step on, which a free-running decoder has not written yet).
///
/// ```
/// BidirectionalDecoderFigure(trace: trace, id: "bidec").html
/// // <figure class="figure bidec-figure" id="bidec"><svg role="img" aria-labelledby="bidec-svg-title">…
/// //   <tr><th scope="row">3</th>…<td>… <strong>not written yet</strong>: ‘1’ ‘-’ …</td></tr>…
/// ```
public struct BidirectionalDecoderFigure: Sendable {
  /// The trace to draw from; its teacher-forced decode is used.
  public var trace: ModelTrace
  /// The figure's element id.
  public var id: String
  /// The caption (plain text, escaped when drawn), put before the generated description.
  public var caption: String?

  /// The figure for `trace`.
  public init(trace: ModelTrace, caption: String? = nil, id: String) {
    self.trace = trace
    self.caption = caption
    self.id = id
  }

  /// The complete `<figure>`; a short note when the trace has no teacher-forced decode.
  public var html: HTML {
    let reader = TraceReader(trace)
    let frame = FigureFrame(kind: "bidec-figure", id: id, attributes: " data-panel=\"bidirectional-decoder\"", caption: caption)
    var html = frame.start
    guard let forced = trace.teacherForced, !forced.steps.isEmpty else {
      return html + "<p>No target was given, so there is no teacher-forced decode to draw.</p>"
        + frame.end(caption: "A bidirectional decoder needs the whole target.")
    }
    let fed = forced.steps.map { $0.fedToken ?? "" }
    let count = fed.count
    let chosen = count / 2
    html += strip(fed: fed, chosen: chosen, reader: reader)
    html +=
      "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"What each half of the decoder has read at each step\"><table class=\"bidec\"><thead><tr>"
    html +=
      "<th scope=\"col\">step</th><th scope=\"col\">fed</th><th scope=\"col\">target</th><th scope=\"col\">forward half <span aria-hidden=\"true\">→</span> has read</th><th scope=\"col\">backward half <span aria-hidden=\"true\">←</span> has read</th>"
    html += "</tr></thead><tbody>"
    for (t, step) in forced.steps.enumerated() {
      let past = fed[...t].map { "<span class=\"tok\">\(reader.token($0))</span>" as HTML }.joined(separator: " ")
      let future = fed[(t + 1)...].map { "<span class=\"tok\">\(reader.token($0))</span>" as HTML }.joined(separator: " ")
      let target = step.target.map { "<span class=\"tok\">\(reader.token($0))</span>" as HTML } ?? "—"
      html += "<tr\(t == chosen ? " class=\"chosen\"" : "" as HTML)><th scope=\"row\">\(t + 1)</th>"
      html += "<td><span class=\"tok\">\(reader.token(fed[t]))</span></td><td>\(target)</td><td>\(past)</td>"
      html += "<td><span class=\"tok\">\(reader.token(fed[t]))</span>"
      html +=
        future.isEmpty
        ? " (nothing after it)</td>" : " and, <strong>not written yet</strong> when decoding free-running: \(future)</td>"
      html += "</tr>"
    }
    html += "</tbody></table></div>"
    let nextTarget = forced.steps[chosen].target.map { "‘\(reader.plainToken($0))’" } ?? "its target"
    return html
      + frame.end(
        caption:
          "A bidirectional decoder of “\(HTML.displayText(trace.input))”, teacher-forced. At step t the forward half has read the tokens fed at steps 1 to t, which a decoder has written by then; the backward half read the fed sequence from its end, so it has also read the tokens fed at steps t+1 to \(count). "
          + "With teacher forcing those are the target itself: at step \(chosen + 1) it has already read \(nextTarget), the very token it must predict. Decoding free-running, those tokens do not exist yet, so this model can only be run teacher-forced, and its teacher-forced accuracy says nothing about translating."
      )
  }

  /// The fed sequence as boxes, with the two halves' reading directions at the chosen step
  /// and the boxes the backward half needs but a free-running decoder lacks marked by text.
  private func strip(fed: [String], chosen: Int, reader: TraceReader) -> HTML {
    let box = 58, gap = 8, left = 10
    let width = left * 2 + fed.count * (box + gap)
    let titleID = "\(id)-svg-title"
    let later = fed.count - chosen - 1
    var svg: HTML =
      "<svg class=\"bidec-strip\" viewBox=\"0 0 \(width) 132\" width=\"\(width)\" height=\"132\" role=\"img\" aria-labelledby=\"\(titleID)\">"
    svg +=
      "<title id=\"\(titleID)\">At step \(chosen + 1) of \(fed.count), the forward half has read steps 1 to \(chosen + 1) from the left; the backward half has read steps \(fed.count) down to \(chosen + 1) from the right, \(later) of which a free-running decoder would not have written yet.</title>"
    for (index, token) in fed.enumerated() {
      let x = left + index * (box + gap)
      let isFuture = index > chosen
      svg +=
        "<rect x=\"\(x)\" y=\"40\" width=\"\(box)\" height=\"32\" rx=\"4\" class=\"\(isFuture ? "future" : "written")\"\(isFuture ? " stroke-dasharray=\"4 3\"" : "" as HTML)/>"
      svg += "<text x=\"\(x + box / 2)\" y=\"61\" text-anchor=\"middle\">\(reader.plainToken(token))</text>"
      svg += "<text x=\"\(x + box / 2)\" y=\"88\" text-anchor=\"middle\" class=\"small\">\(index + 1)</text>"
      if isFuture { svg += "<text x=\"\(x + box / 2)\" y=\"104\" text-anchor=\"middle\" class=\"small\">not yet</text>" }
    }
    let chosenCenter = left + chosen * (box + gap) + box / 2
    let rightEnd = left + fed.count * (box + gap) - gap
    svg +=
      "<line x1=\"\(left)\" y1=\"20\" x2=\"\(chosenCenter)\" y2=\"20\" class=\"arrow\" marker-end=\"url(#\(id)-head)\"/>"
    svg += "<text x=\"\(left)\" y=\"14\" class=\"small\">forward half →</text>"
    svg +=
      "<line x1=\"\(rightEnd)\" y1=\"122\" x2=\"\(chosenCenter)\" y2=\"122\" class=\"arrow\" marker-end=\"url(#\(id)-head)\"/>"
    svg += "<text x=\"\(rightEnd)\" y=\"116\" text-anchor=\"end\" class=\"small\">← backward half</text>"
    svg +=
      "<defs><marker id=\"\(id)-head\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>"
    return svg + "</svg>"
  }
}
