import Trace

/// Small seeded models the test targets share, the same on every run.
public enum TestModels {
  /// The addition tutorial's model: LSTM(75) over 5 steps of 12-way one-hot,
  /// RepeatVector(2), LSTM(50), Dense(12) softmax.
  public static func addition(seed: UInt64 = 1) throws -> Seq2SeqModel {
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

  /// A small state-bridge model that copies its tokens, optionally bidirectional; `tokens`
  /// lets a test put hostile tokens such as `<script>` or `&` in the vocabularies.
  public static func copy(
    bidirectional: Bool = false, mergeMode: MergeMode = .concat, units: Int = 6, seed: UInt64 = 2,
    tokens: [String] = ["a", "b", "c", "d"], unit: Vocabulary.Unit = .character, name: String = "copy",
    embeddingSize: Int? = nil
  ) throws -> Seq2SeqModel {
    let input = Vocabulary(tokens: tokens, unit: unit)
    let output = Vocabulary(tokens: ["\t", "\n"] + tokens, unit: unit)
    return try Seq2SeqModel(
      configuration: Seq2SeqConfiguration(
        name: name, bridge: .states,
        encoder: EncoderConfiguration(
          units: units, bidirectional: bidirectional, mergeMode: mergeMode, embeddingSize: embeddingSize),
        decoder: DecoderConfiguration(units: bidirectional ? 2 * units : units, embeddingSize: embeddingSize),
        inputVocabulary: input, outputVocabulary: output, maxInputLength: 6, maxOutputLength: 8,
        startToken: "\t", endToken: "\n"),
      seed: seed)
  }
}
