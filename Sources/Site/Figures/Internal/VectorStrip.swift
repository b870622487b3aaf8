/// Small tables of whole vectors (a bridge's states, a merged output): one row per
/// vector, one coloured cell with its number per unit.
enum VectorStrip {
  static func table(_ vectors: [(String, [Float])], caption: String, limit: Int) -> String {
    let longest = vectors.map(\.1.count).max() ?? 0
    let width = min(limit, longest)
    let scale = ColorScale.diverging(covering: vectors.flatMap(\.1))
    var html =
      "<div class=\"heatmap-scroll\" data-panel=\"bridge\"><table class=\"heatmap strip\" data-grid><caption>\(HTML.escape(caption))\(longest > width ? " (first \(width) of \(longest) units)" : "")</caption>"
    html +=
      "<thead><tr><th scope=\"col\">vector</th>" + (0..<width).map { "<th scope=\"col\">u\($0)</th>" }.joined()
      + "</tr></thead><tbody>"
    for (name, values) in vectors {
      html += "<tr><th scope=\"row\">\(HTML.escape(name))</th>"
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
