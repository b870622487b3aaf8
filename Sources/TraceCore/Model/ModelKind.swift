// The kind of an encoder-decoder: the closed set of architectures unrolled knows, as one
// value with an enum for each choice, computed from the stored configuration (checkpoints
// keep their bytes). Every stage that must act on the kind (the forward pass, recording,
// evaluation, the trainer, the pages) switches over these enums, so a new kind is a
// compile error everywhere it matters instead of a flag some reader forgets.

/// What kind of encoder-decoder a model is.
///
/// ```
/// BuiltInModel.addition.recipe().configuration.kind
/// // encoder .oneDirection, decoderInput .repeatedEncoding, decoderOutput .tokens, decoding .freeRunning
/// ```
public struct ModelKind: Equatable, Sendable {
  /// How many directions read the input.
  public enum Encoder: Equatable, Sendable {
    /// One LSTM reads the input from its first token.
    case oneDirection
    /// A forward and a backward LSTM read it (Keras `Bidirectional`), merged by `mergeMode`;
    /// `backwardActivation` is set when the backward LSTM has an activation of its own
    /// (Keras `backward_layer`; its full options are `EncoderConfiguration.backwardLayer`).
    case bothDirections(mergeMode: MergeMode, backwardActivation: Activation?)
  }

  /// What the decoder reads at each step, which is also how the encoder hands over.
  public enum DecoderInput: Equatable, Sendable {
    /// The start token, then its previous token, starting from the encoder's final states
    /// (a state bridge: Keras's lstm_seq2seq).
    case previousToken
    /// The encoder's final output, repeated at every step, from zero states (a repeat
    /// bridge: RepeatVector, the addition tutorial).
    case repeatedEncoding
    /// The repeated encoding and the previous token side by side, `[encoding | token]`
    /// (a conditioned repeat bridge, Srivastava et al. 2015).
    case repeatedEncodingAndPreviousToken
  }

  /// What the decoder writes.
  public enum DecoderOutput: Equatable, Sendable {
    /// Tokens, through a softmax; trained with cross-entropy.
    case tokens
    /// Real values, through a linear layer; trained with mean squared error (a forecaster).
    case values(SeriesConfiguration)
  }

  /// How the decoder can be run on an input.
  public enum Decoding: Equatable, Sendable {
    /// Free-running (greedy, fed its own predictions) as well as teacher-forced.
    case freeRunning
    /// Only teacher-forced, for the reason given.
    case teacherForcedOnly(TeacherForcedOnlyReason)
  }

  /// Why a model can decode only teacher-forced.
  public enum TeacherForcedOnlyReason: Equatable, Sendable {
    /// The decoder is bidirectional: its backward half reads the output from its last token,
    /// which a free-running decode has not written yet.
    case bidirectionalDecoder

    /// The one line that refuses a free-running decode of `model`.
    ///
    /// ```
    /// ModelKind.TeacherForcedOnlyReason.bidirectionalDecoder.refusal(model: "dates-bidirectional-decoder")
    /// // "the dates-bidirectional-decoder model cannot decode free-running: its decoder is bidirectional, ..."
    /// ```
    public func refusal(model: String) -> String {
      switch self {
      case .bidirectionalDecoder:
        return
          "the \(model) model cannot decode free-running: its decoder is bidirectional, and its backward half reads the output from its last token, which has not been written yet; give the expected output with --target to trace the teacher-forced decode"
      }
    }
  }

  /// How many directions read the input.
  public var encoder: Encoder
  /// What the decoder reads at each step.
  public var decoderInput: DecoderInput
  /// What the decoder writes.
  public var decoderOutput: DecoderOutput
  /// How the decoder can be run.
  public var decoding: Decoding

  /// A kind from its four choices.
  public init(encoder: Encoder, decoderInput: DecoderInput, decoderOutput: DecoderOutput, decoding: Decoding) {
    self.encoder = encoder
    self.decoderInput = decoderInput
    self.decoderOutput = decoderOutput
    self.decoding = decoding
  }

  /// Whether a forward and a backward LSTM read the input.
  public var readsBothDirections: Bool {
    switch encoder {
    case .oneDirection: return false
    case .bothDirections: return true
    }
  }

  /// The bridge that goes with what the decoder reads.
  public var bridge: Bridge {
    switch decoderInput {
    case .previousToken: return .states
    case .repeatedEncoding, .repeatedEncodingAndPreviousToken: return .repeatVector
    }
  }

  /// Whether the decoder is fed tokens (the start token, then its previous one). A plain
  /// repeat bridge's decoder reads only the repeated encoding, so it computes the same
  /// steps however it is fed.
  public var decoderReadsTokens: Bool {
    switch decoderInput {
    case .previousToken, .repeatedEncodingAndPreviousToken: return true
    case .repeatedEncoding: return false
    }
  }

  /// The output layer's activation: a softmax over tokens, or linear for values.
  public var outputActivation: DenseActivation {
    switch decoderOutput {
    case .tokens: return .softmax
    case .values: return .linear
    }
  }

  /// Whether a free-running decode stops when it writes the end token (a state bridge's);
  /// a repeat bridge writes a fixed number of steps.
  public var stopsAtEndToken: Bool {
    switch decoderInput {
    case .previousToken: return true
    case .repeatedEncoding, .repeatedEncodingAndPreviousToken: return false
    }
  }

  /// A series model's values per step and their text; `nil` for a token model.
  public var series: SeriesConfiguration? {
    switch decoderOutput {
    case .tokens: return nil
    case .values(let series): return series
    }
  }

  /// Why the model cannot decode free-running, or `nil` when it can.
  public var teacherForcedOnlyReason: TeacherForcedOnlyReason? {
    switch decoding {
    case .freeRunning: return nil
    case .teacherForcedOnly(let reason): return reason
    }
  }
}

extension ModelKind {
  /// The kind from the fields a checkpoint's configuration and a trace's model description
  /// both store: the one rule from flags to kind.
  init(
    encoder: Encoder, bridge: Bridge, conditionedDecoder: Bool?, series: SeriesConfiguration?,
    bidirectionalDecoder: Bool
  ) {
    let decoderInput: DecoderInput
    switch bridge {
    case .states: decoderInput = .previousToken
    case .repeatVector: decoderInput = conditionedDecoder == true ? .repeatedEncodingAndPreviousToken : .repeatedEncoding
    }
    self.init(
      encoder: encoder, decoderInput: decoderInput, decoderOutput: series.map(DecoderOutput.values) ?? .tokens,
      decoding: bidirectionalDecoder ? .teacherForcedOnly(.bidirectionalDecoder) : .freeRunning)
  }
}

extension Seq2SeqConfiguration {
  /// The kind of model this configuration describes.
  public var kind: ModelKind {
    ModelKind(
      encoder: encoder.bidirectional
        ? .bothDirections(
          mergeMode: encoder.mergeMode,
          backwardActivation: encoder.backwardActivation != encoder.activation ? encoder.backwardActivation : nil)
        : .oneDirection,
      bridge: bridge, conditionedDecoder: conditionedDecoder, series: series, bidirectionalDecoder: decoder.bidirectional)
  }
}

extension ModelDescription {
  /// The kind of model that made the trace, from the facts the trace records.
  public var kind: ModelKind {
    ModelKind(
      encoder: bidirectional
        ? .bothDirections(mergeMode: mergeMode ?? .concat, backwardActivation: backwardActivation) : .oneDirection,
      bridge: bridge, conditionedDecoder: conditionedDecoder, series: series, bidirectionalDecoder: bidirectionalDecoder == true)
  }
}
