// JSON values written as text, in portable Swift: keys sorted, nothing escaped that need not
// be (slashes and non-ASCII stay as they are), compact or pretty-printed with two spaces, in
// exactly the layout Foundation's JSONEncoder gives with `.sortedKeys` and
// `.withoutEscapingSlashes` (so traces keep their bytes whichever wrote them).

extension JSONValue {
  /// A number value for `value` as Swift writes a `Float` (shortest text that reads back to
  /// the same bits), without a trailing `.0`: `1`, `-0`, `0.5`, `1e-07`, `1.2345679e+08`.
  public static func number(_ value: Float) -> JSONValue {
    var text = "\(value)"
    if text.hasSuffix(".0") { text.removeLast(2) }
    return .number(text)
  }

  /// A number value for a whole number.
  public static func number(_ value: Int) -> JSONValue { .number(String(value)) }

  /// An array of numbers.
  public static func numbers(_ values: [Float]) -> JSONValue { .array(values.map { number($0) }) }

  /// The value as JSON text: compact, or pretty-printed as JSONEncoder prints it (two-space
  /// indents, `"key" : value`, an empty array or object as an empty line between its
  /// brackets).
  public func text(pretty: Bool = false) -> String {
    var output = ""
    write(into: &output, pretty: pretty, indent: 0)
    return output
  }

  private func write(into output: inout String, pretty: Bool, indent: Int) {
    switch self {
    case .null: output += "null"
    case .bool(let flag): output += flag ? "true" : "false"
    case .number(let text): output += text
    case .string(let text): Self.writeString(text, into: &output)
    case .array(let items):
      output += "["
      if pretty { output += "\n" }
      for (index, item) in items.enumerated() {
        if index > 0 { output += pretty ? ",\n" : "," }
        if pretty { output += String(repeating: " ", count: indent + 2) }
        item.write(into: &output, pretty: pretty, indent: indent + 2)
      }
      if pretty { output += "\n" + String(repeating: " ", count: indent) }
      output += "]"
    case .object(let fields):
      output += "{"
      if pretty { output += "\n" }
      let keys = fields.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      for (index, key) in keys.enumerated() {
        if index > 0 { output += pretty ? ",\n" : "," }
        if pretty { output += String(repeating: " ", count: indent + 2) }
        Self.writeString(key, into: &output)
        output += pretty ? " : " : ":"
        fields[key]?.write(into: &output, pretty: pretty, indent: indent + 2)
      }
      if pretty { output += "\n" + String(repeating: " ", count: indent) }
      output += "}"
    }
  }

  private static func writeString(_ text: String, into output: inout String) {
    output += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case "\u{08}": output += "\\b"
      case "\u{0C}": output += "\\f"
      default:
        if scalar.value < 0x20 {
          let hex: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
          output += "\\u00"
          output.append(hex[Int(scalar.value >> 4)])
          output.append(hex[Int(scalar.value & 0xF)])
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    output += "\""
  }
}
