import TestSupport
import Testing

@testable import Trace
@testable import TraceCore

/// Small models of every architecture, freshly initialised, for tests.
enum ModelFactory {
  /// The addition tutorial's model (``TestSupport/TestModels/addition(seed:)``).
  static func addition(seed: UInt64 = 1) throws -> Seq2SeqModel { try TestModels.addition(seed: seed) }

  /// A small state-bridge model that copies lowercase letters, optionally bidirectional.
  static func stateBridge(bidirectional: Bool = false, mergeMode: MergeMode = .concat, units: Int = 6, seed: UInt64 = 2) throws
    -> Seq2SeqModel
  {
    try TestModels.copy(bidirectional: bidirectional, mergeMode: mergeMode, units: units, seed: seed)
  }
}

extension ModelFactory {
  /// One tiny model of every architecture the checkpoint format must carry, by name.
  static func tiny(_ name: String) throws -> Seq2SeqModel {
    let letters = Vocabulary(tokens: ["a", "b", "c", "d", " "])
    let output = Vocabulary(tokens: ["\t", "\n", "a", "b", "c", "d"])
    let words = Vocabulary(tokens: ["go", "stop", "left", "right"], unit: .word)
    let replies = Vocabulary(tokens: ["\t", "\n", "ok", "no", "going", "stopping"], unit: .word)
    func config(
      _ bridge: Bridge, _ encoder: EncoderConfiguration, _ decoderUnits: Int, input: Vocabulary = letters, out: Vocabulary? = nil,
      decoderEmbedding: Int? = nil, reverse: Bool = false
    ) -> Seq2SeqConfiguration {
      Seq2SeqConfiguration(
        name: name, bridge: bridge, encoder: encoder,
        decoder: DecoderConfiguration(units: decoderUnits, embeddingSize: decoderEmbedding),
        inputVocabulary: input, outputVocabulary: out ?? (bridge == .states ? output : letters),
        maxInputLength: 5, maxOutputLength: bridge == .states ? 6 : 3, reverseInput: reverse,
        startToken: bridge == .states ? "\t" : nil, endToken: bridge == .states ? "\n" : nil)
    }
    let configurations: [String: Seq2SeqConfiguration] = [
      "repeat-lstm": config(.repeatVector, EncoderConfiguration(units: 4), 3),
      "repeat-bidirectional-ave": config(.repeatVector, EncoderConfiguration(units: 4, bidirectional: true, mergeMode: .ave), 3),
      "repeat-bidirectional-concat": config(
        .repeatVector, EncoderConfiguration(units: 3, bidirectional: true, mergeMode: .concat), 4),
      "state-lstm": config(.states, EncoderConfiguration(units: 4), 4),
      "state-lstm-reversed": config(.states, EncoderConfiguration(units: 4), 4, reverse: true),
      "state-bidirectional": config(.states, EncoderConfiguration(units: 3, bidirectional: true, mergeMode: .sum), 6),
      "state-words-embedded": config(
        .states, EncoderConfiguration(units: 4, embeddingSize: 3), 4, input: words, out: replies, decoderEmbedding: 2),
      "repeat-conditioned": Seq2SeqConfiguration(
        name: name, bridge: .repeatVector, encoder: EncoderConfiguration(units: 4), decoder: DecoderConfiguration(units: 3),
        inputVocabulary: letters, outputVocabulary: Vocabulary(tokens: ["\t", "a", "b", "c", "d", " "]),
        maxInputLength: 5, maxOutputLength: 3, startToken: "\t", conditionedDecoder: true),
      "state-bidirectional-decoder": {
        var configuration = config(
          .states,
          EncoderConfiguration(
            units: 3, bidirectional: true, backwardLayer: BackwardLayerConfiguration(activation: .relu)), 3)
        configuration.decoder.bidirectional = true
        return configuration
      }(),
    ]
    return try Seq2SeqModel(configuration: try #require(configurations[name]), seed: 99)
  }

  /// The names of the tiny models.
  static let tinyNames = [
    "repeat-lstm", "repeat-bidirectional-ave", "repeat-bidirectional-concat", "state-lstm",
    "state-lstm-reversed", "state-bidirectional", "state-words-embedded", "repeat-conditioned", "state-bidirectional-decoder",
  ]
}
