// A JSON document read into values, in portable Swift (RFC 8259): what the checkpoint reader
// needs of JSON (the safetensors header and the configuration in its metadata), natively and
// in the page's WebAssembly, where Foundation's JSONSerialization does not exist. Strict: one
// value, no trailing commas, no comments, no leading zeros, valid UTF-8 escapes; nesting is
// limited so a hostile header cannot exhaust the stack.

/// A JSON value.
///
/// ```
/// try JSONValue(parsing: Array(#"{"a":[1,"x",true]}"#.utf8))
/// // .object(["a": .array([.number("1"), .string("x"), .bool(true)])])
/// ```
public enum JSONValue: Equatable, Sendable {
  /// An object; a key written twice keeps its last value.
  case object([String: JSONValue])
  /// An array.
  case array([JSONValue])
  /// A string, its escapes decoded.
  case string(String)
  /// A number as written (`-12`, `0.5`, `1e3`), so no precision is lost in reading it.
  case number(String)
  /// `true` or `false`.
  case bool(Bool)
  /// `null`.
  case null

  /// Arrays and objects nested deeper than this are refused.
  public static let depthLimit = 512

  /// Parses `bytes` as one JSON value, surrounded by nothing but whitespace.
  public init(parsing bytes: [UInt8]) throws(JSONSyntaxError) {
    var parser = JSONParser(bytes: bytes)
    parser.skipWhitespace()
    let value = try parser.value(depth: 0)
    parser.skipWhitespace()
    guard parser.position == bytes.count else { throw parser.error("garbage after the JSON value") }
    self = value
  }

  /// The value as an `Int` when it is a number written as a whole number from 0 to `Int.max`
  /// (no fraction, no exponent): `7` and `-0` are, `7.0`, `1e3` and `true` are not.
  public var wholeNumber: Int? {
    guard case .number(let text) = self else { return nil }
    var digits = Substring(text)
    if digits.hasPrefix("-") {
      digits = digits.dropFirst()
      return digits.allSatisfy({ $0 == "0" }) ? 0 : nil
    }
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    var value = 0
    for digit in digits.utf8 {
      let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times10.addingReportingOverflow(Int(digit - 48))
      if overflow1 || overflow2 { return nil }
      value = sum
    }
    return value
  }

  /// A short description for an error message: `the string "x"`, `5`, `true`, `an array`.
  public var summary: String {
    switch self {
    case .string(let text): return "the string \(text.debugDescription)"
    case .number(let text): return text
    case .bool(let flag): return flag ? "true" : "false"
    case .array: return "an array"
    case .object: return "an object"
    case .null: return "null"
    }
  }
}

/// JSON that does not parse: what is wrong and at which byte.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What the parser found.
  public var reason: String
  /// The byte offset, from 0, where it found it.
  public var offset: Int

  public var description: String { "\(reason) at byte \(offset)" }
}

/// A recursive-descent reader over the bytes.
private struct JSONParser {
  let bytes: [UInt8]
  var position = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  func error(_ reason: String) -> JSONSyntaxError { JSONSyntaxError(reason: reason, offset: position) }

  var current: UInt8? { position < bytes.count ? bytes[position] : nil }

  mutating func skipWhitespace() {
    while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
  }

  mutating func expect(_ literal: String, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
    for byte in literal.utf8 {
      guard current == byte else { throw error("an unknown word (expected \(literal))") }
      position += 1
    }
    return value
  }

  mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    guard let byte = current else { throw error("the text ends where a value should be") }
    switch byte {
    case UInt8(ascii: "{"): return try object(depth: depth + 1)
    case UInt8(ascii: "["): return try array(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try expect("true", .bool(true))
    case UInt8(ascii: "f"): return try expect("false", .bool(false))
    case UInt8(ascii: "n"): return try expect("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    default: throw error("an unexpected character where a value should be")
    }
  }

  mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    guard depth <= JSONValue.depthLimit else { throw error("values nested too deeply") }
    position += 1  // {
    var fields: [String: JSONValue] = [:]
    skipWhitespace()
    if current == UInt8(ascii: "}") {
      position += 1
      return .object(fields)
    }
    while true {
      skipWhitespace()
      guard current == UInt8(ascii: "\"") else { throw error("an object key that is not a string") }
      let key = try string()
      skipWhitespace()
      guard current == UInt8(ascii: ":") else { throw error("no ':' after an object key") }
      position += 1
      skipWhitespace()
      fields[key] = try value(depth: depth)
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "}"):
        position += 1
        return .object(fields)
      default: throw error("no ',' or '}' after an object's value")
      }
    }
  }

  mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    guard depth <= JSONValue.depthLimit else { throw error("values nested too deeply") }
    position += 1  // [
    var items: [JSONValue] = []
    skipWhitespace()
    if current == UInt8(ascii: "]") {
      position += 1
      return .array(items)
    }
    while true {
      skipWhitespace()
      items.append(try value(depth: depth))
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "]"):
        position += 1
        return .array(items)
      default: throw error("no ',' or ']' after an array's value")
      }
    }
  }

  mutating func number() throws(JSONSyntaxError) -> String {
    let start = position
    func digits(_ parser: inout JSONParser) -> Int {
      var count = 0
      while let byte = parser.current, byte >= 0x30 && byte <= 0x39 {
        parser.position += 1
        count += 1
      }
      return count
    }
    if current == UInt8(ascii: "-") { position += 1 }
    if current == UInt8(ascii: "0") {
      position += 1
      if let byte = current, byte >= 0x30 && byte <= 0x39 { throw error("a number with a leading zero") }
    } else if digits(&self) == 0 {
      throw error("a '-' without digits")
    }
    if current == UInt8(ascii: ".") {
      position += 1
      guard digits(&self) > 0 else { throw error("a '.' without digits after it") }
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      position += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
      guard digits(&self) > 0 else { throw error("an exponent without digits") }
    }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  mutating func string() throws(JSONSyntaxError) -> String {
    position += 1  // "
    var scalars = String.UnicodeScalarView()
    var runStart = position
    func flush(_ parser: JSONParser, into scalars: inout String.UnicodeScalarView, from start: Int) {
      if start < parser.position {
        scalars.append(contentsOf: String(decoding: parser.bytes[start..<parser.position], as: UTF8.self).unicodeScalars)
      }
    }
    while true {
      guard let byte = current else { throw error("a string that never ends") }
      switch byte {
      case UInt8(ascii: "\""):
        flush(self, into: &scalars, from: runStart)
        position += 1
        return String(scalars)
      case UInt8(ascii: "\\"):
        flush(self, into: &scalars, from: runStart)
        position += 1
        scalars.append(try escape())
        runStart = position
      case 0..<0x20:
        throw error("a control character inside a string")
      default:
        position += 1
      }
    }
  }

  mutating func escape() throws(JSONSyntaxError) -> Unicode.Scalar {
    guard let byte = current else { throw error("a string that never ends") }
    position += 1
    switch byte {
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "/"): return "/"
    case UInt8(ascii: "b"): return "\u{08}"
    case UInt8(ascii: "f"): return "\u{0C}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      let first = try hexQuad()
      if (0xD800..<0xDC00).contains(first) {
        guard current == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") else {
          throw error("a lone high surrogate escape")
        }
        position += 2
        let second = try hexQuad()
        guard (0xDC00..<0xE000).contains(second) else { throw error("a high surrogate escape without its low half") }
        let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        guard let scalar = Unicode.Scalar(combined) else { throw error("an invalid escape") }
        return scalar
      }
      guard let scalar = Unicode.Scalar(first) else { throw error("a lone low surrogate escape") }
      return scalar
    default:
      position -= 1
      throw error("an unknown escape")
    }
  }

  mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = current else { throw error("a \\u escape cut short") }
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 48)
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 87)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 55)
      default: throw error("a \\u escape with a character that is not hexadecimal")
      }
      value = value * 16 + digit
      position += 1
    }
    return value
  }
}
