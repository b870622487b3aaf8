import Markup

/// Shapes that many figures reuse, defined once per page: the LSTM cell's fixed drawing
/// (lines, gates, ⊙ and + nodes, labels) and the arrowhead marker. Each step's diagram is
/// then only a `<use>` and its numbers, which keeps pages small.
///
/// ```
/// SVGDefinitions.html  // <svg class="svg-defs" aria-hidden="true" …><defs><marker id="arrowhead" …
/// ```
public enum SVGDefinitions {
  /// The hidden `<svg>` with the shared definitions; the page layout puts it first in `<body>`.
  public static let html: HTML = {
    var svg: HTML = "<svg class=\"svg-defs\" aria-hidden=\"true\" focusable=\"false\" width=\"0\" height=\"0\"><defs>"
    svg +=
      "<marker id=\"arrowhead\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" class=\"arrowhead\"/></marker>"
    svg += "<symbol id=\"lstm-cell-skeleton\" viewBox=\"0 0 660 330\">"
    svg += "<rect class=\"cell-body\" x=\"120\" y=\"22\" width=\"450\" height=\"290\" rx=\"14\"/>"
    // The cell-state line runs along the top, the hidden/input bus along the bottom.
    svg += "<path class=\"wire cell-wire\" d=\"M10 50H158M182 50H308M332 50H648\" marker-end=\"url(#arrowhead)\"/>"
    svg += "<path class=\"wire\" d=\"M10 290H470M110 312V290\"/>"
    for x in [170, 270, 370, 470] {
      svg += "<path class=\"wire\" d=\"M\(x) 290V192\" marker-end=\"url(#arrowhead)\"/>"
    }
    svg += "<path class=\"wire\" d=\"M170 150V64\" marker-end=\"url(#arrowhead)\"/>"
    svg += "<path class=\"wire\" d=\"M270 150V110H306\" marker-end=\"url(#arrowhead)\"/>"
    svg += "<path class=\"wire\" d=\"M370 150V110H334\" marker-end=\"url(#arrowhead)\"/>"
    svg += "<path class=\"wire\" d=\"M320 98V64\" marker-end=\"url(#arrowhead)\"/>"
    svg += "<path class=\"wire\" d=\"M540 50V88M540 122V156\" marker-end=\"url(#arrowhead)\"/>"
    svg += "<path class=\"wire\" d=\"M512 170H526\" marker-end=\"url(#arrowhead)\"/>"
    svg += "<path class=\"wire\" d=\"M554 170H648\" marker-end=\"url(#arrowhead)\"/>"
    let gates = [(170, "σ", "forget f"), (270, "σ", "input i"), (370, "tanh", "candidate g"), (470, "σ", "output o")]
    for (x, activation, name) in gates {
      svg += "<rect class=\"gate-box\" x=\"\(x - 42)\" y=\"150\" width=\"84\" height=\"40\" rx=\"6\"/>"
      svg += "<text class=\"gate-name\" x=\"\(x)\" y=\"166\">\(name)</text>"
      svg += "<text class=\"gate-fn\" x=\"\(x)\" y=\"183\">\(activation)</text>"
    }
    for (x, y, sign) in [(170, 50, "×"), (320, 50, "+"), (320, 110, "×"), (540, 170, "×")] {
      svg +=
        "<circle class=\"op\" cx=\"\(x)\" cy=\"\(y)\" r=\"12\"/><text class=\"op-sign\" x=\"\(x)\" y=\"\(y + 5)\">\(sign)</text>"
    }
    svg +=
      "<ellipse class=\"op\" cx=\"540\" cy=\"105\" rx=\"24\" ry=\"14\"/><text class=\"op-fn\" x=\"540\" y=\"109\">tanh</text>"
    svg += "<text class=\"sym start\" x=\"14\" y=\"40\">c<tspan baseline-shift=\"sub\" font-size=\"70%\">t−1</tspan></text>"
    svg += "<text class=\"sym end\" x=\"646\" y=\"40\">c<tspan baseline-shift=\"sub\" font-size=\"70%\">t</tspan></text>"
    svg += "<text class=\"sym start\" x=\"14\" y=\"284\">h<tspan baseline-shift=\"sub\" font-size=\"70%\">t−1</tspan></text>"
    svg += "<text class=\"sym end\" x=\"646\" y=\"160\">h<tspan baseline-shift=\"sub\" font-size=\"70%\">t</tspan></text>"
    svg += "<text class=\"lbl end\" x=\"562\" y=\"302\">one LSTM step</text>"
    svg += "</symbol></defs></svg>"
    return svg
  }()
}
