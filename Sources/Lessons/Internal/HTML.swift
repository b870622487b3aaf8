/// The one escaping function for text that this module puts into HTML itself.
///
/// cmark escapes everything it renders; whatever we write around it (ids, attributes,
/// MathML text, placeholders) goes through `HTML.escape` so nothing from a lesson reaches a
/// page unescaped.
enum HTML {
  /// Escapes `& < > " '` for use in text and in double-quoted attribute values.
  ///
  /// ```swift
  /// HTML.escape("a < b & \"c\"")  // "a &lt; b &amp; &quot;c&quot;"
  /// ```
  static func escape(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&#39;"
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }
}
