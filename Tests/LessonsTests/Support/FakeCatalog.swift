import Lessons
import Trace

/// Two small models standing in for the built-in catalog: their configurations only, so
/// every input is checked by the models' own rule.
struct FakeCatalog: LessonModelCatalog {
  /// A repeat bridge over sums, its input padded on the left to 7 characters.
  static let addition = LessonModelInfo(
    name: "addition",
    configuration: Seq2SeqConfiguration(
      name: "addition", bridge: .repeatVector, encoder: EncoderConfiguration(units: 16),
      decoder: DecoderConfiguration(units: 16), inputVocabulary: Vocabulary(tokens: " 0123456789+".map(String.init)),
      outputVocabulary: Vocabulary(tokens: " 0123456789".map(String.init)), maxInputLength: 7, maxOutputLength: 4,
      inputPadding: Padding(width: 7, side: .left, token: " "), outputPadding: Padding(width: 4, side: .right, token: " ")))
  /// A state bridge over the letters a, b, c.
  static let reverse = LessonModelInfo(
    name: "reverse",
    configuration: Seq2SeqConfiguration(
      name: "reverse", bridge: .states, encoder: EncoderConfiguration(units: 8), decoder: DecoderConfiguration(units: 8),
      inputVocabulary: Vocabulary(tokens: ["a", "b", "c"]), outputVocabulary: Vocabulary(tokens: ["\t", "\n", "a", "b", "c"]),
      maxInputLength: 5, maxOutputLength: 6, startToken: "\t", endToken: "\n"))

  var modelNames: [String] { ["reverse", "addition"] }

  func model(named name: String) -> LessonModelInfo? {
    [Self.addition, Self.reverse].first { $0.name == name }
  }
}
