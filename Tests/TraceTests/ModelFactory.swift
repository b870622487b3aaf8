@testable import Trace

/// Small models of every architecture, freshly initialised, for tests.
enum ModelFactory {
  /// The addition tutorial's model: LSTM(75) over 5x12 one-hot, RepeatVector(2), LSTM(50), Dense(12).
  static func addition(seed: UInt64 = 1) throws -> Seq2SeqModel {
    let vocabulary = Vocabulary(tokens: "0123456789+ ".map(String.init))
    return try Seq2SeqModel(
      configuration: Seq2SeqConfiguration(
        name: "addition", bridge: .repeatVector, encoder: EncoderConfiguration(units: 75),
        decoder: DecoderConfiguration(units: 50), inputVocabulary: vocabulary, outputVocabulary: vocabulary,
        maxInputLength: 5, maxOutputLength: 2,
        inputPadding: Padding(width: 5, side: .left, token: " "),
        outputPadding: Padding(width: 2, side: .left, token: " ")),
      seed: seed)
  }

  /// A small state-bridge model that copies lowercase letters, optionally bidirectional.
  static func stateBridge(bidirectional: Bool = false, mergeMode: MergeMode = .concat, units: Int = 6, seed: UInt64 = 2) throws -> Seq2SeqModel {
    let input = Vocabulary(tokens: ["a", "b", "c", "d"])
    let output = Vocabulary(tokens: ["\t", "\n", "a", "b", "c", "d"])
    return try Seq2SeqModel(
      configuration: Seq2SeqConfiguration(
        name: "copy", bridge: .states,
        encoder: EncoderConfiguration(units: units, bidirectional: bidirectional, mergeMode: mergeMode),
        decoder: DecoderConfiguration(units: bidirectional ? 2 * units : units),
        inputVocabulary: input, outputVocabulary: output, maxInputLength: 6, maxOutputLength: 8,
        startToken: "\t", endToken: "\n"),
      seed: seed)
  }
}
