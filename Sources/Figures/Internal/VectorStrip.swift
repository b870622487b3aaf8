import Markup

/// Small tables of whole vectors (a bridge's states, a merged output): one row per
/// vector, one coloured cell with its number per unit.
///
/// A column is a unit (`u0`, `u1`, …) unless `column` says otherwise: an embedding's columns
/// are its dimensions (`d0`, `d1`, …).
enum VectorStrip {
  /// What a strip's columns are.
  struct Column {
    /// The header's prefix: `u` gives `u0`, `u1`, …
    var prefix: String
    /// Their name in the caption's "first 12 of 64 units".
    var noun: String
    static let unit = Column(prefix: "u", noun: "units")
    static let dimension = Column(prefix: "d", noun: "dimensions")
  }

  static func table(
    _ vectors: [(String, [Float])], caption: String, limit: Int, column: Column = .unit, panel: String = "bridge"
  ) -> HTML {
    let longest = vectors.map { $0.1.count }.max() ?? 0
    let width = min(limit, longest)
    let scale = ColorScale.diverging(covering: vectors.flatMap { $0.1 })
    var html: HTML =
      "<div class=\"heatmap-scroll\" data-panel=\"\(panel)\"><table class=\"heatmap strip\" data-grid><caption>\(caption)\(longest > width ? " (first \(width) of \(longest) \(column.noun))" : "")</caption>"
    html +=
      "<thead><tr><th scope=\"col\">vector</th>"
      + (0..<width).map { "<th scope=\"col\">\(column.prefix)\($0)</th>" as HTML }.joined()
      + "</tr></thead><tbody>"
    for (name, values) in vectors {
      html += "<tr><th scope=\"row\">\(name)</th>"
      for unit in 0..<width {
        if let value = values[safe: unit] {
          html += "<td class=\"\(scale.className(for: value))\">\(NumberText.fixed(value))</td>"
        } else {
          html += "<td></td>"
        }
      }
      html += "</tr>"
    }
    return html + "</tbody></table></div>"
  }
}
