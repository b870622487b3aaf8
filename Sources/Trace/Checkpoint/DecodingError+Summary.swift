// Codable's errors describe themselves as a dump of their context (`dataCorrupted(Swift.
// DecodingError.Context(codingPath: [...], debugDescription: ..., underlyingError: ...))`);
// a user reading a checkpoint or a history sees one line instead.

import Foundation

extension DecodingError {
  /// One line: where in the document the problem is, then what it is.
  ///
  /// ```
  /// at encoder.units: Parsed JSON number <4611686018427387904000> does not fit in Int.
  /// inputVocabulary.tokens is missing
  /// not valid JSON
  /// ```
  public var summary: String {
    switch self {
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return Self.place(context.codingPath) + Self.oneLine(context.debugDescription)
    case .keyNotFound(let key, let context):
      return "\(Self.path(context.codingPath + [key])) is missing"
    case .dataCorrupted(let context):
      // At the top, the text itself did not parse (on Linux, a number past Int is caught
      // there too); the parser's reason, where Foundation gives one, says where.
      guard context.codingPath.isEmpty else {
        return Self.place(context.codingPath) + Self.oneLine(context.debugDescription)
      }
      let reason = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
      return "not valid JSON" + (reason.map { ": \(Self.oneLine($0))" } ?? "")
    @unknown default:
      return "cannot be decoded"
    }
  }

  /// `encoder.units`, `inputVocabulary.tokens[3]`.
  private static func path(_ codingPath: [any CodingKey]) -> String {
    var path = ""
    for key in codingPath {
      if let index = key.intValue {
        path += "[\(index)]"
      } else {
        path += (path.isEmpty ? "" : ".") + key.stringValue
      }
    }
    return path
  }

  private static func place(_ codingPath: [any CodingKey]) -> String {
    codingPath.isEmpty ? "" : "at \(path(codingPath)): "
  }

  /// `text` with its line breaks as spaces.
  private static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).joined(separator: " ")
  }
}
