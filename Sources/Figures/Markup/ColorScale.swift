import Markup

// The two colour scales of the figures, both colour-blind safe and binned into nine
// classes that site.css colours (`s0`…`s8`, `d0`…`d8`), so a cell costs a class name and
// not a colour, and every cell also carries its number as text.

/// A binned colour scale for heatmaps and strips.
public struct ColorScale: Equatable, Sendable {
  /// Sequential (viridis-like) for 0…1 gates, or diverging (blue–orange) for signed states.
  public enum Kind: String, Sendable { case sequential, diverging }

  /// The scale's kind.
  public var kind: Kind
  /// The value drawn at the lowest bin.
  public var lower: Float
  /// The value drawn at the highest bin.
  public var upper: Float

  /// The number of bins.
  public static let binCount = 9

  /// The 0…1 scale of the gates.
  public static let gate = ColorScale(kind: .sequential, lower: 0, upper: 1)

  /// A diverging scale symmetric around zero that covers `values` and at least −1…1.
  ///
  /// ```
  /// ColorScale.diverging(covering: [0.2, -2.4]).upper  // 2.4
  /// ```
  public static func diverging(covering values: [Float]) -> ColorScale {
    let largest = values.reduce(Float(1)) { max($0, abs($1).isFinite ? abs($1) : 0) }
    return ColorScale(kind: .diverging, lower: -largest, upper: largest)
  }

  /// The CSS class of `value`'s bin.
  ///
  /// ```
  /// ColorScale.gate.className(for: 0.5)  // "s4"
  /// ```
  public func className(for value: Float) -> String {
    let span = upper - lower
    let position = span > 0 ? (value - lower) / span : 0.5
    let bin = position.isFinite ? min(Self.binCount - 1, max(0, Int(position * Float(Self.binCount)))) : 0
    return (kind == .sequential ? "s" : "d") + String(bin)
  }

  /// The legend: the nine swatches with their ranges as text.
  ///
  /// ```
  /// ColorScale.gate.legendHTML(label: "gate value")
  /// // <div class="legend" …><span class="legend-label">gate value</span> <span class="sw s0">0</span>…
  /// ```
  public func legendHTML(label: String) -> HTML {
    let ends = [lower] + (1...Self.binCount).map { lower + (upper - lower) * Float($0) / Float(Self.binCount) }
    var html: HTML = "<div class=\"legend\"><span class=\"legend-label\">\(label):</span> "
    html += "<span class=\"legend-end\">\(NumberText.significant(lower, digits: 2))</span>"
    for bin in 0..<Self.binCount {
      let range = "\(NumberText.significant(ends[bin], digits: 2)) to \(NumberText.significant(ends[bin + 1], digits: 2))"
      html +=
        "<span class=\"sw \(kind == .sequential ? "s" : "d")\(bin)\" title=\"\(range)\"><span class=\"vh\">\(range); </span></span>"
    }
    html += "<span class=\"legend-end\">\(NumberText.significant(upper, digits: 2))</span>"
    html +=
      kind == .diverging
      ? " <span class=\"legend-note\">(blue negative, orange positive)</span>"
      : " <span class=\"legend-note\">(dark low, yellow high)</span>"
    return html + "</div>"
  }
}
