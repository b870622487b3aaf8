/// An input (or target) that a model cannot read, with a message that says what to type instead.
public enum TraceInputError: Error, Equatable, CustomStringConvertible {
  /// Nothing to read.
  case emptyInput(model: String)
  /// Tokens the model's vocabulary lacks.
  case unknownTokens(model: String, tokens: [String], allowed: [String], inTarget: Bool)
  /// More tokens than the model reads or writes.
  case tooLong(model: String, length: Int, limit: Int, inTarget: Bool)
  /// A free-running decode asked of a model whose decoder is bidirectional.
  case freeRunningImpossible(model: String)

  public var description: String {
    switch self {
    case .emptyInput(let model):
      return "the input is empty: give the \(model) model some text to read"
    case .unknownTokens(let model, let tokens, let allowed, let inTarget):
      let names = tokens.map(Self.show).joined(separator: ", ")
      let noun = tokens.count == 1 ? "a character" : "characters"
      return
        "the \(inTarget ? "target" : "input") has \(noun) the \(model) model does not know: \(names); allowed: \(allowed.map(Self.show).joined(separator: " "))"
    case .tooLong(let model, let length, let limit, let inTarget):
      return
        "the \(inTarget ? "target" : "input") has \(length) characters; the \(model) model \(inTarget ? "writes" : "reads") at most \(limit)"
    case .freeRunningImpossible(let model):
      return BidirectionalDecoding.refusal(model: model)
    }
  }

  /// A token as a reader can see it: quoted, with invisible characters named.
  static func show(_ token: String) -> String {
    switch token {
    case " ": return "' ' (space)"
    case "\t": return "'\\t' (tab)"
    case "\n": return "'\\n' (newline)"
    default: return "'\(token)'"
    }
  }
}
