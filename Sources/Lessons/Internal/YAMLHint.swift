/// What to do about a YAML syntax error, read from the line it is on (or the line before, where
/// an unclosed `[` or `{` is only noticed on the next line).
///
/// ```text
/// title: : Gates         ->  quote the value: title: ": Gates"   (at the value)
/// <TAB>- Learn           ->  a tab may not indent YAML; indent with spaces
/// ```
struct YAMLHint {
  /// The line (1-based, in the YAML text) the hint is about.
  var line: Int
  /// The column (1-based, in characters) of what to change.
  var column: Int
  /// What to do, one clause.
  var text: String

  /// Characters that, first in a plain value, make YAML read something other than text: an
  /// indicator of a mapping, a flow collection, an alias, an anchor, a tag, a block scalar, a
  /// directive, or a reserved one.
  static let indicators: Set<Character> = [":", "{", "[", "*", "&", "!", "|", ">", "%", "@", "`"]

  /// The hint for an error reported at `line` of `text`, if one of the usual mistakes is there.
  static func hint(in text: String, line: Int) -> YAMLHint? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for candidate in [line, line - 1] where lines.indices.contains(candidate - 1) {
      if let hint = hint(forLine: lines[candidate - 1], number: candidate) { return hint }
    }
    return nil
  }

  /// The hint for one line: a tab in its indentation, or a `key: value` whose value needs quotes.
  static func hint(forLine line: Substring, number: Int) -> YAMLHint? {
    let indentation = line.prefix { $0 == " " || $0 == "\t" }
    if let tab = indentation.firstIndex(of: "\t") {
      return YAMLHint(
        line: number, column: line.distance(from: line.startIndex, to: tab) + 1,
        text: "a tab may not indent YAML; indent with spaces")
    }
    let content = line.dropFirst(indentation.count)
    let item = content.hasPrefix("- ") ? content.dropFirst(2) : content
    guard let separator = item.range(of: ": ") ?? item.range(of: ":\t") else { return nil }
    let key = item[..<separator.lowerBound]
    let value = item[separator.upperBound...].drop { $0 == " " || $0 == "\t" }
    guard !key.isEmpty, !key.contains(where: { $0 == "\"" || $0 == "'" }), let first = value.first,
      indicators.contains(first) || value.contains(": ") || value.hasSuffix(":")
    else { return nil }
    // A flow list or mapping that is closed on its line is meant as one: not a quoting mistake.
    if (first == "[" && value.hasSuffix("]")) || (first == "{" && value.hasSuffix("}")) { return nil }
    let quoted =
      value.contains("\"")
      ? "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
      : "\"" + value.replacingOccurrences(of: "\\", with: "\\\\") + "\""
    let what: String
    switch first {
    case "[": what = "a value that starts with `[` is a list: end it with `]`, or quote it"
    case "{": what = "a value that starts with `{` is a mapping: end it with `}`, or quote it"
    case _ where indicators.contains(first): what = "a value that starts with `\(first)` must be quoted"
    default: what = "a value that holds `: ` must be quoted"
    }
    return YAMLHint(
      line: number, column: line.distance(from: line.startIndex, to: value.startIndex) + 1,
      text: "\(what): \(key): \(quoted)")
  }
}
