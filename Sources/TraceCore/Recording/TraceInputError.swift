/// An input (or target) that a model cannot read, with a message that says what to type instead.
public enum TraceInputError: Error, Equatable, CustomStringConvertible {
  /// Nothing to read.
  case emptyInput(model: String)
  /// Tokens the model's vocabulary lacks.
  case unknownTokens(model: String, tokens: [String], allowed: [String], inTarget: Bool)
  /// More tokens than the model reads or writes.
  case tooLong(model: String, length: Int, limit: Int, inTarget: Bool)
  /// Words a word-level model's vocabulary lacks.
  case unknownWords(model: String, words: [String], allowed: [String], inTarget: Bool)
  /// More words than a word-level model reads or writes.
  case tooManyWords(model: String, count: Int, limit: Int, inTarget: Bool)
  /// A series model was given a piece that is not a number (`position` from 1).
  case notANumber(model: String, piece: String, position: Int, inTarget: Bool)
  /// A series model was given the wrong number of values.
  case wrongValueCount(model: String, count: Int, needed: Int, inTarget: Bool)
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
    case .unknownWords(let model, let words, let allowed, let inTarget):
      let names = words.map { "'\($0)'" }.joined(separator: ", ")
      let noun = words.count == 1 ? "a word" : "words"
      return
        "the \(inTarget ? "target" : "input") has \(noun) the \(model) model does not know: \(names); allowed words: \(allowed.joined(separator: " "))"
    case .tooManyWords(let model, let count, let limit, let inTarget):
      return
        "the \(inTarget ? "target" : "input") has \(count) words; the \(model) model \(inTarget ? "writes" : "reads") at most \(limit)"
    case .notANumber(let model, let piece, let position, let inTarget):
      let what = piece.isEmpty ? "is empty" : "'\(piece)' is not a number"
      return
        "value \(position) of the \(inTarget ? "target" : "input") \(what): the \(model) model \(inTarget ? "compares" : "reads") numbers separated by commas, like 0.1,0.4,-0.2"
    case .wrongValueCount(let model, let count, let needed, let inTarget):
      return
        "the \(inTarget ? "target" : "input") has \(count) value\(count == 1 ? "" : "s"); the \(model) model \(inTarget ? "writes" : "reads") exactly \(needed), separated by commas"
    case .freeRunningImpossible(let model):
      return ModelKind.TeacherForcedOnlyReason.bidirectionalDecoder.refusal(model: model)
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
