// Where text becomes HTML on a page; the escaping itself is HTMLEscaping, the one
// implementation the lessons' prose and the pages share. Markup made in Swift is an `HTML`
// value: a `String` interpolated into it is escaped, an `HTML` value passes through, so every
// token, input, vocabulary entry, model name and file name that reaches a page is escaped by
// construction (Mustache's `{{ }}` escapes the same five characters).

/// A piece of markup: trusted text that is already HTML.
///
/// A string literal is markup written in the code; an interpolated `String` is text and is
/// escaped, an interpolated `HTML` value is markup and is not:
///
/// ```
/// let name = "<b>"
/// let html: HTML = "<td>\(name)</td>"            // "<td>&lt;b&gt;</td>"
/// let row: HTML = "<tr>\(html)</tr>"             // "<tr><td>&lt;b&gt;</td></tr>"
/// ```
public struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
  /// The markup as text, for a template or a file.
  public private(set) var string: String

  /// Markup that is already HTML, taken as it is (no escaping).
  ///
  /// ```
  /// HTML(markup: "<p>Hi</p>").string  // "<p>Hi</p>"
  /// ```
  public init(markup: String) { string = markup }

  /// Plain text, escaped.
  ///
  /// ```
  /// HTML(text: "a<b").string  // "a&lt;b"
  /// ```
  public init(text: String) { string = HTML.escape(text) }

  /// Empty markup.
  public init() { string = "" }

  /// A literal written in the code: trusted markup.
  public init(stringLiteral value: String) { string = value }

  /// A literal with interpolations: each `String` escaped, each `HTML` as it is.
  public init(stringInterpolation: StringInterpolation) { string = stringInterpolation.string }

  /// The markup as text.
  public var description: String { string }

  /// Whether there is no markup at all.
  public var isEmpty: Bool { string.isEmpty }

  /// Whether the markup's text contains `other`.
  public func contains(_ other: String) -> Bool {
    let text = Array(string.utf8), needle = Array(other.utf8)
    guard !needle.isEmpty else { return true }
    guard needle.count <= text.count else { return false }
    for start in 0...(text.count - needle.count) where text[start] == needle[0] {
      if text[start..<start + needle.count].elementsEqual(needle) { return true }
    }
    return false
  }

  /// Builds an `HTML` literal: literal segments and `HTML` values as they are, `String`s escaped.
  public struct StringInterpolation: StringInterpolationProtocol {
    var string = ""

    public init(literalCapacity: Int, interpolationCount: Int) {
      string.reserveCapacity(literalCapacity + interpolationCount * 8)
    }

    public mutating func appendLiteral(_ literal: String) { string += literal }

    /// Text: escaped.
    public mutating func appendInterpolation(_ text: String) { string += HTML.escape(text) }

    /// Text: escaped.
    public mutating func appendInterpolation(_ text: Substring) { string += HTML.escape(String(text)) }

    /// Markup: as it is.
    public mutating func appendInterpolation(_ markup: HTML) { string += markup.string }

    /// A whole number: its digits, which need no escaping.
    public mutating func appendInterpolation<Number: BinaryInteger>(_ number: Number) { string += String(number) }
  }

  /// Two pieces of markup, one after the other.
  public static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(markup: lhs.string + rhs.string) }

  /// Appends markup.
  public static func += (lhs: inout HTML, rhs: HTML) { lhs.string += rhs.string }

  /// `text` with `& < > " '` replaced by entities, safe in element content and in quoted
  /// attribute values.
  ///
  /// ```
  /// HTML.escape("<b>&\"'")  // "&lt;b&gt;&amp;&quot;&#39;"
  /// ```
  public static func escape(_ text: String) -> String {
    HTMLEscaping.escape(text)
  }

  /// A text with every space shown as ␣ so that padding is visible; not yet escaped.
  ///
  /// ```
  /// HTML.displayText(" 2+10")  // "␣2+10"
  /// ```
  public static func displayText(_ text: String) -> String {
    String(text.map { $0 == " " ? "␣" : $0 == "\t" ? "⇥" : $0 == "\n" ? "↵" : $0 })
  }

  /// An id fragment made only of `a-z 0-9 -`, for element ids built from names.
  ///
  /// ```
  /// HTML.slug("Dates & Times")  // "dates-times"
  /// ```
  public static func slug(_ text: String) -> String {
    var result = ""
    var pendingDash = false
    for scalar in text.lowercased().unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        if pendingDash && !result.isEmpty { result += "-" }
        pendingDash = false
        result.unicodeScalars.append(scalar)
      } else {
        pendingDash = true
      }
    }
    return result.isEmpty ? "x" : result
  }
}

extension Sequence where Element == HTML {
  /// The pieces of markup one after the other, with `separator` between them.
  ///
  /// ```
  /// ["<b>1</b>", "<b>2</b>"].joined(separator: ", ")  // "<b>1</b>, <b>2</b>"
  /// ```
  public func joined(separator: HTML = "") -> HTML {
    HTML(markup: map { $0.string }.joined(separator: separator.string))
  }
}
