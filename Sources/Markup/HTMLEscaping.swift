/// The one escaping function for text put into HTML, by the lessons and by the Site (whose
/// `HTML.escape` calls it).
///
/// cmark escapes everything it renders; whatever is written around it (ids, attributes,
/// MathML text, placeholders) and every token, input and name on a page goes through here.
public enum HTMLEscaping {
  /// Escapes `& < > " '` for use in text and in double-quoted attribute values.
  ///
  /// ```swift
  /// HTMLEscaping.escape("a < b & \"c\"")  // "a &lt; b &amp; &quot;c&quot;"
  /// ```
  public static func escape(_ text: String) -> String {
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
