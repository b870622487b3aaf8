// Tiny models and data for the training tests: three letters, short words, a few units,
// so every finite-difference check and every training run takes milliseconds.

import Testing

@testable import Trace
@testable import TraceCore

/// The architectures the whole-model tests cover.
struct TinyArchitecture: CustomTestStringConvertible, Sendable {
  var bridge: Bridge
  var bidirectional: Bool
  var mergeMode: MergeMode = .concat
  var embeddings: Bool = false
  /// A repeat bridge whose decoder also reads its previous token.
  var conditioned: Bool = false

  var testDescription: String {
    let direction = bidirectional ? "bidirectional \(mergeMode.rawValue)" : "unidirectional"
    return "\(bridge == .states ? "state" : "repeat") bridge, \(direction)\(embeddings ? ", embeddings" : "")"
      + (conditioned ? ", conditioned decoder" : "")
  }

  static let all: [TinyArchitecture] =
    [
      TinyArchitecture(bridge: .states, bidirectional: false),
      TinyArchitecture(bridge: .states, bidirectional: true),
      TinyArchitecture(bridge: .states, bidirectional: false, embeddings: true),
      TinyArchitecture(bridge: .states, bidirectional: true, embeddings: true),
      TinyArchitecture(bridge: .repeatVector, bidirectional: false),
      TinyArchitecture(bridge: .repeatVector, bidirectional: false, embeddings: true),
    ]
    + [MergeMode.concat, .sum, .mul, .ave].map {
      TinyArchitecture(bridge: .repeatVector, bidirectional: true, mergeMode: $0)
    }
    + [
      TinyArchitecture(bridge: .repeatVector, bidirectional: false, conditioned: true),
      TinyArchitecture(bridge: .repeatVector, bidirectional: true, mergeMode: .ave, conditioned: true),
    ]
}

enum TinyModel {
  static let letters = ["a", "b", "c"]
  static let start = "\t"
  static let end = "\n"

  /// A configuration over the letters a, b, c: state-bridge models write up to 4 tokens
  /// (3 letters and the end token), repeat-bridge models exactly 3.
  static func configuration(_ architecture: TinyArchitecture, units: Int = 3) -> Seq2SeqConfiguration {
    let encoder = EncoderConfiguration(
      units: units, bidirectional: architecture.bidirectional, mergeMode: architecture.mergeMode,
      embeddingSize: architecture.embeddings ? 2 : nil)
    switch architecture.bridge {
    case .states:
      return Seq2SeqConfiguration(
        name: "tiny", bridge: .states,
        encoder: encoder,
        decoder: DecoderConfiguration(
          units: architecture.bidirectional ? 2 * units : units, embeddingSize: architecture.embeddings ? 2 : nil),
        inputVocabulary: Vocabulary(tokens: letters),
        outputVocabulary: Vocabulary(tokens: [start, end] + letters),
        maxInputLength: 3, maxOutputLength: 4, startToken: start, endToken: end)
    case .repeatVector:
      return Seq2SeqConfiguration(
        name: "tiny", bridge: .repeatVector,
        encoder: encoder, decoder: DecoderConfiguration(units: units),
        inputVocabulary: Vocabulary(tokens: letters),
        outputVocabulary: Vocabulary(tokens: (architecture.conditioned ? [" ", start] : [" "]) + letters),
        maxInputLength: 3, maxOutputLength: 3, outputPadding: Padding(width: 3, side: .right, token: " "),
        startToken: architecture.conditioned ? start : nil, conditionedDecoder: architecture.conditioned ? true : nil)
    }
  }

  static func model(_ architecture: TinyArchitecture, units: Int = 3, seed: UInt64 = 1) throws -> Seq2SeqModel {
    try Seq2SeqModel(configuration: configuration(architecture, units: units), seed: seed)
  }

  /// Examples of a toy task: write the word reversed.
  static func reversalExamples(_ words: [String], for model: Seq2SeqModel) throws -> [TrainingExample] {
    try words.map { word in
      try TrainingExample(source: word, target: String(word.reversed()), configuration: model.configuration)
    }
  }

  /// Every word of one to three letters over a, b, c (39 of them), in a fixed order.
  static var allWords: [String] {
    var words: [String] = []
    for length in 1...3 {
      var current = [""]
      for _ in 0..<length { current = current.flatMap { prefix in letters.map { prefix + $0 } } }
      words += current
    }
    return words
  }

  /// A batch of sources of different lengths (masking) and targets of different lengths.
  static func batch(for model: Seq2SeqModel) throws -> TrainingBatch {
    model.batch(try reversalExamples(["abc", "ca", "b"], for: model))
  }
}
