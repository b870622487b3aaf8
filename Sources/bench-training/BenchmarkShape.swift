// The model shapes bench-training measures, with their synthetic data; each matches a
// shape of bench/keras_training.py.

import ArgumentParser
import Trace

/// The model shapes the benchmark knows, named as bench/keras_training.py names them.
enum BenchmarkShape: String, ExpressibleByArgument, CaseIterable {
  /// The addition tutorial: LSTM(75) over 5×12 one-hot, RepeatVector(2), LSTM(50), Dense(12).
  case addition
  /// Keras's lstm_seq2seq example: state bridge, 256 units, 71 → 93 tokens, 15 and 59 steps.
  case lstmSeq2seq = "lstm-seq2seq"

  /// The model's configuration.
  var configuration: Seq2SeqConfiguration {
    func vocabulary(_ count: Int, reserving reserved: [String] = []) -> Vocabulary {
      Vocabulary(tokens: reserved + (reserved.count..<count).map { "t\($0)" })
    }
    switch self {
    case .addition:
      return Seq2SeqConfiguration(
        name: rawValue, bridge: .repeatVector, encoder: EncoderConfiguration(units: 75),
        decoder: DecoderConfiguration(units: 50), inputVocabulary: vocabulary(12), outputVocabulary: vocabulary(12),
        maxInputLength: 5, maxOutputLength: 2)
    case .lstmSeq2seq:
      return Seq2SeqConfiguration(
        name: rawValue, bridge: .states, encoder: EncoderConfiguration(units: 256),
        decoder: DecoderConfiguration(units: 256), inputVocabulary: vocabulary(71),
        outputVocabulary: vocabulary(93, reserving: ["\t", "\n"]), maxInputLength: 15, maxOutputLength: 59,
        startToken: "\t", endToken: "\n")
    }
  }

  /// The batch size of the reference example.
  var batchSize: Int { self == .addition ? 32 : 64 }

  /// Samples per epoch unless given.
  var defaultSamples: Int { self == .addition ? 1000 : 640 }

  /// `count` examples of full length with uniformly drawn tokens. For the state bridge the
  /// targets leave out the start and end tokens (ids 0 and 1): the batch appends the end
  /// token, so the decoder runs `maxOutputLength` steps, as Keras's padded arrays do.
  func examples(count: Int, generator: inout SeededGenerator) -> [TrainingExample] {
    let config = configuration
    let targetLength = config.bridge == .states ? config.maxOutputLength - 1 : config.maxOutputLength
    let firstTarget = config.bridge == .states ? 2 : 0
    return (0..<count).map { _ in
      TrainingExample(
        sourceIDs: (0..<config.maxInputLength).map { _ in generator.index(below: config.inputVocabulary.count) },
        targetIDs: (0..<targetLength).map { _ in
          firstTarget + generator.index(below: config.outputVocabulary.count - firstTarget)
        })
    }
  }
}
