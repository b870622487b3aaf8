import Foundation

/// The models that ship with unrolled, trained by `make models` and stored as
/// checkpoints in the package's resources.
public enum BuiltInModel: String, CaseIterable, Sendable {
  /// The addition tutorial's repeat-bridge model: `" 2+10"` → `"12"`.
  case addition
  /// A state-bridge model that adds numbers up to 999.
  case addition3
  /// The same, reading its input reversed (Sutskever et al. 2014), to measure the effect.
  case addition3Reversed = "addition3-reversed"
  /// A bidirectional state-bridge model from human-written dates to ISO 8601.
  case dates
  /// The Keras lstm_seq2seq example's architecture on the English–French phrasebook.
  case phrasebook
  /// A sequence autoencoder: a repeat bridge trained to write back its input, whose decoder
  /// reads only the repeated encoding (the same vector at every step).
  case autoencoder
  /// The same, with Srivastava et al. 2015's conditioned decoder: each step also reads the
  /// previous output character.
  case autoencoderConditioned = "autoencoder-conditioned"
  /// A word-level state-bridge model with embeddings on both sides, from home-assistant
  /// commands to replies: `"turn on the kitchen light"` → `"the kitchen light is on"`.
  case commands
  /// A forecaster of real values (LSTM → RepeatVector → LSTM → linear Dense): reads 24
  /// values of a noisy sum of sines and writes the next 8.
  case sines
  /// A small `dates` model whose encoder's backward layer is relu and whose decoder is
  /// bidirectional: it trains with teacher forcing but cannot decode free-running.
  case datesBidirectionalDecoder = "dates-bidirectional-decoder"

  /// Where the checkpoint is in the package's resources, if it has been trained.
  public var checkpointURL: URL? {
    Bundle.module.url(forResource: rawValue, withExtension: "safetensors", subdirectory: "Resources/Models")
  }

  /// Where the training history is, if it has been trained.
  public var historyURL: URL? {
    Bundle.module.url(forResource: rawValue + ".history", withExtension: "json", subdirectory: "Resources/Models")
  }

  /// The trained model.
  public func load() throws(CheckpointError) -> Seq2SeqModel {
    guard let url = checkpointURL else {
      throw CheckpointError(
        .fileMissing, file: "\(rawValue).safetensors (the built-in model has not been trained: run make models)")
    }
    return try Seq2SeqModel(checkpointAt: url)
  }
}

extension BuiltInModel {
  /// The training history stored beside the checkpoint, if there is one.
  public func history() throws -> TrainingHistory? {
    guard let url = historyURL else { return nil }
    return try JSONDecoder().decode(TrainingHistory.self, from: Data(contentsOf: url))
  }
}
