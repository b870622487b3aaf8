// The recording of one input through a model: every encoder and decoder step with its
// gates and states, the bridge, and both decodes. It is written as versioned JSON
// (docs/trace-format.md, docs/trace.schema.json) and is what the site draws.

/// Everything a model did with one input, step by step.
public struct ModelTrace: Equatable, Sendable {
  /// Always `unrolled-trace`: tells a reader what this JSON is.
  public var format: String
  /// The version of this format; see ``currentVersion``.
  public var version: Int
  /// The model that made the trace.
  public var model: ModelDescription
  /// The input text as the user gave it.
  public var input: String
  /// The expected output, when one was given.
  public var target: String?
  /// The encoder's steps.
  public var encoder: EncoderRecord
  /// What the encoder handed to the decoder.
  public var bridge: BridgeRecord
  /// The decodes of the input, by the kind of model.
  public var decodes: TraceDecodes

  /// A trace from its parts.
  public init(
    format: String, version: Int, model: ModelDescription, input: String, target: String?, encoder: EncoderRecord,
    bridge: BridgeRecord, decodes: TraceDecodes
  ) {
    self.format = format
    self.version = version
    self.model = model
    self.input = input
    self.target = target
    self.encoder = encoder
    self.bridge = bridge
    self.decodes = decodes
  }

  /// The decode fed with the true previous tokens: present when a target was given, and
  /// the only decode of a model that decodes only teacher-forced.
  public var teacherForced: DecodeRecord? {
    switch decodes {
    case .tokens(_, let comparison): return comparison?.teacherForced
    case .teacherForcedOnly(let decode, _): return decode
    case .forecast: return nil
    }
  }

  /// The decode fed with the model's own predictions (greedy), or a forecaster's forecast;
  /// `nil` for a model that cannot decode free-running (then ``freeRunningRefusal`` says why).
  public var freeRunningDecode: DecodeRecord? {
    switch decodes {
    case .tokens(let freeRunning, _): return freeRunning
    case .teacherForcedOnly: return nil
    case .forecast(let forecast): return forecast
    }
  }

  /// The first decoder step at which the two decodes are fed different tokens (or one
  /// has stopped and the other has not); `nil` when they never part or there is no target.
  public var firstDivergence: Int? {
    if case .tokens(_, let comparison) = decodes { return comparison?.firstDivergence }
    return nil
  }

  /// Why the trace has no free-running decode, in one sentence; `nil` when it has one.
  public var freeRunningRefusal: String? {
    if case .teacherForcedOnly(_, let refusal) = decodes { return refusal }
    return nil
  }

  /// The decode a reader sees first: the free-running one (a forecaster's forecast), or
  /// the teacher-forced one of a model that decodes only teacher-forced.
  public var primaryDecode: DecodeRecord {
    switch decodes {
    case .tokens(let freeRunning, _): return freeRunning
    case .teacherForcedOnly(let decode, _): return decode
    case .forecast(let forecast): return forecast
    }
  }

  /// The format name every trace carries.
  public static let formatName = "unrolled-trace"
  /// The version this code writes and reads.
  public static let currentVersion = 1
}

/// The decodes a trace holds, by the kind of model that made it.
///
/// Written to JSON (trace format version 1) as the keys `freeRunning`, `teacherForced`,
/// `firstDivergence` and `freeRunningRefusal`, each present only when it has a value.
public enum TraceDecodes: Equatable, Sendable {
  /// A token model that decodes free-running: the free-running decode and, when a target
  /// was given, the teacher-forced one beside it.
  case tokens(freeRunning: DecodeRecord, comparison: TeacherForcedComparison?)
  /// A model that decodes only teacher-forced: that decode, and the sentence that says why
  /// there is no free-running one.
  case teacherForcedOnly(DecodeRecord, refusal: String)
  /// A forecaster's one decode: the values it wrote, with the true ones when given.
  case forecast(DecodeRecord)
}

/// A teacher-forced decode set beside the free-running one of the same input.
public struct TeacherForcedComparison: Equatable, Sendable {
  /// The decode fed with the true previous tokens.
  public var teacherForced: DecodeRecord
  /// The first step at which the two decodes are fed differently (or one has stopped and
  /// the other goes on); `nil` when they never part.
  public var firstDivergence: Int?

  /// A comparison from its parts.
  public init(teacherForced: DecodeRecord, firstDivergence: Int?) {
    self.teacherForced = teacherForced
    self.firstDivergence = firstDivergence
  }
}

#if !hasFeature(Embedded)
  extension ModelTrace: Codable {
    enum CodingKeys: String, CodingKey {
      case format, version, model, input, target, encoder, bridge, teacherForced, freeRunning, firstDivergence,
        freeRunningRefusal
    }

    /// Reads a trace; which decodes it holds follows from its model's kind.
    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      format = try container.decode(String.self, forKey: .format)
      version = try container.decode(Int.self, forKey: .version)
      model = try container.decode(ModelDescription.self, forKey: .model)
      input = try container.decode(String.self, forKey: .input)
      target = try container.decodeIfPresent(String.self, forKey: .target)
      encoder = try container.decode(EncoderRecord.self, forKey: .encoder)
      bridge = try container.decode(BridgeRecord.self, forKey: .bridge)
      let kind = model.kind
      switch (kind.decoderOutput, kind.decoding) {
      case (.values, _):
        decodes = .forecast(try container.decode(DecodeRecord.self, forKey: .freeRunning))
      case (.tokens, .teacherForcedOnly):
        decodes = .teacherForcedOnly(
          try container.decode(DecodeRecord.self, forKey: .teacherForced),
          refusal: try container.decode(String.self, forKey: .freeRunningRefusal))
      case (.tokens, .freeRunning):
        let comparison = try container.decodeIfPresent(DecodeRecord.self, forKey: .teacherForced).map {
          TeacherForcedComparison(
            teacherForced: $0, firstDivergence: try container.decodeIfPresent(Int.self, forKey: .firstDivergence))
        }
        decodes = .tokens(freeRunning: try container.decode(DecodeRecord.self, forKey: .freeRunning), comparison: comparison)
      }
    }

    /// Writes the trace in format version 1.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(format, forKey: .format)
      try container.encode(version, forKey: .version)
      try container.encode(model, forKey: .model)
      try container.encode(input, forKey: .input)
      try container.encodeIfPresent(target, forKey: .target)
      try container.encode(self.encoder, forKey: .encoder)
      try container.encode(bridge, forKey: .bridge)
      try container.encodeIfPresent(teacherForced, forKey: .teacherForced)
      try container.encodeIfPresent(freeRunningDecode, forKey: .freeRunning)
      try container.encodeIfPresent(firstDivergence, forKey: .firstDivergence)
      try container.encodeIfPresent(freeRunningRefusal, forKey: .freeRunningRefusal)
    }
  }
#endif

/// The facts about a model that a reader of a trace needs.
public struct ModelDescription: Equatable, Sendable {
  /// The model's name.
  public var name: String
  /// How encoder and decoder are joined.
  public var bridge: Bridge
  /// Whether the encoder is bidirectional.
  public var bidirectional: Bool
  /// A bidirectional encoder's merge mode (`nil` otherwise).
  public var mergeMode: MergeMode?
  /// Units of the encoder (of each direction).
  public var encoderUnits: Int
  /// Units of the decoder.
  public var decoderUnits: Int
  /// The tokens the encoder reads.
  public var inputVocabulary: Vocabulary
  /// The tokens the decoder writes; the order of every probability vector.
  public var outputVocabulary: Vocabulary
  /// The start token (state bridge).
  public var startToken: String?
  /// The end token (state bridge).
  public var endToken: String?
  /// Whether the encoder reads the input reversed.
  public var reverseInput: Bool
  /// The number of trainable parameters.
  public var parameterCount: Int
  /// `true` for a repeat bridge whose decoder also reads its previous output token (a
  /// conditioned decoder); absent otherwise.
  public var conditionedDecoder: Bool?
  /// Set when the model reads and writes real values (a forecaster); its vocabularies then
  /// name the values of one step.
  public var series: SeriesConfiguration? = nil
  /// The size of the encoder's embedding rows, when it reads tokens through an `Embedding`.
  public var encoderEmbeddingSize: Int?
  /// The size of the decoder's embedding rows, when it reads tokens through an `Embedding`.
  public var decoderEmbeddingSize: Int?
  /// `true` when the decoder is bidirectional (it then decodes only teacher-forced);
  /// absent otherwise.
  public var bidirectionalDecoder: Bool? = nil
  /// The activation of a bidirectional encoder's backward layer when it differs from the
  /// forward layer's (Keras `backward_layer`); absent otherwise.
  public var backwardActivation: Activation? = nil
}

/// One LSTM step's gates and states for one sequence.
///
/// Every vector has one value per unit.
public struct CellRecord: Equatable, Sendable {
  /// `i`: how much of the candidate is written.
  public var inputGate: [Float]
  /// `f`: how much of the previous cell is kept.
  public var forgetGate: [Float]
  /// `g`: the proposed new content.
  public var candidate: [Float]
  /// `o`: how much of the squashed cell is shown.
  public var outputGate: [Float]
  /// `c`: the cell state after the step.
  public var cell: [Float]
  /// `h`: the hidden state after the step.
  public var hidden: [Float]
}

/// One encoder step: the token read and what one direction of the encoder did with it.
public struct EncoderStepRecord: Equatable, Sendable {
  /// The position in the sequence the encoder read (0 is the first token read forwards).
  public var position: Int
  /// The token at that position.
  public var token: String
  /// The gates and states after reading it.
  public var state: CellRecord
  /// The vector the step read: the token's row of the encoder's `Embedding` table. Present
  /// only when the encoder embeds its tokens (a one-hot input is implied by the token).
  public var inputVector: [Float]?
  /// A series model's input values at that position (one per name in the input
  /// vocabulary); `token` is then their text.
  public var values: [Float]? = nil
}

/// The encoder's recording.
public struct EncoderRecord: Equatable, Sendable {
  /// The tokens the encoder read, in position order, after padding and reversal.
  public var tokens: [String]
  /// The forward (or only) LSTM's steps, in processing order.
  public var forward: [EncoderStepRecord]
  /// The backward LSTM's steps, in processing order (last position first); bidirectional only.
  public var backward: [EncoderStepRecord]?
  /// The merged output at each position, in position order; bidirectional with a merge only.
  public var merged: [[Float]]?
}

/// What the encoder handed to the decoder.
public struct BridgeRecord: Equatable, Sendable {
  /// The kind of bridge.
  public var kind: Bridge
  /// The decoder's initial hidden state (state bridge).
  public var hidden: [Float]?
  /// The decoder's initial cell state (state bridge).
  public var cell: [Float]?
  /// The forward encoder's final hidden state (bidirectional).
  public var forwardHidden: [Float]?
  /// The forward encoder's final cell state (bidirectional).
  public var forwardCell: [Float]?
  /// The backward encoder's final hidden state (bidirectional).
  public var backwardHidden: [Float]?
  /// The backward encoder's final cell state (bidirectional).
  public var backwardCell: [Float]?
  /// The vector fed at every decoder step (repeat bridge).
  public var repeatedVector: [Float]?
  /// How many times it is repeated (repeat bridge).
  public var repeatCount: Int?
}

/// One decoder step.
public struct DecoderStepRecord: Equatable, Sendable {
  /// The step's index, from 0.
  public var step: Int
  /// The token fed, or `nil` when the repeated encoding was the input.
  public var fedToken: String?
  /// Where the fed input came from.
  public var fedTokenSource: TokenSource
  /// `true` when the step read the bridge's repeated vector beside ``fedToken`` (a
  /// conditioned decoder: the same vector at every step, a different token); absent
  /// otherwise (a plain repeat bridge says so with ``TokenSource/repeatedEncoding``).
  public var readsRepeatedVector: Bool?
  /// The token the step should produce, when known.
  public var target: String?
  /// The decoder LSTM's gates and states (a bidirectional decoder's forward half).
  public var state: CellRecord
  /// A bidirectional decoder's backward half at this step, which has read the fed tokens
  /// from the last one back to this one; absent otherwise.
  public var backwardState: CellRecord? = nil
  /// The probability of every output token, in the output vocabulary's order.
  public var probabilities: [Float]
  /// The most probable token: what greedy decoding writes.
  public var predicted: String
  /// `-log p(target)`, when a target is known; for a series model the squared error
  /// `(1/F) Σ (predicted - true)²`.
  public var loss: Float?
  /// The vector the step read: the fed token's row of the decoder's `Embedding` table.
  /// Present only when the decoder embeds its tokens.
  public var inputVector: [Float]?
  /// A series model's forecast at this step (one value per name in the output
  /// vocabulary); `predicted` is then its text and `probabilities` is empty.
  public var predictedValues: [Float]? = nil
  /// A series model's true values at this step, when a target was given; `target` is then
  /// their text.
  public var targetValues: [Float]? = nil
}

/// Why a decode stopped.
public enum StopReason: String, Sendable {
  /// The decoder wrote the end token.
  case endToken
  /// The decoder reached the model's length limit without writing the end token.
  case maxLength
  /// A repeat bridge writes a fixed number of tokens.
  case fixedLength
  /// Teacher forcing runs to the end of the target.
  case targetEnd
}

/// One complete decode of the input.
public struct DecodeRecord: Equatable, Sendable {
  /// How the decoder was fed.
  public var feeding: Feeding
  /// Every step.
  public var steps: [DecoderStepRecord]
  /// The text written: the predicted tokens, without the end token.
  public var output: String
  /// Why it stopped.
  public var stopReason: StopReason
  /// The mean loss over steps with a target.
  public var meanLoss: Float?

  /// The two ways of feeding a decoder that a trace records.
  public enum Feeding: String, Sendable {
    case teacherForced, freeRunning
  }
}

#if !hasFeature(Embedded)
  extension ModelDescription: Codable {}
  extension CellRecord: Codable {}
  extension EncoderStepRecord: Codable {}
  extension EncoderRecord: Codable {}
  extension BridgeRecord: Codable {}
  extension DecoderStepRecord: Codable {}
  extension StopReason: Codable {}
  extension DecodeRecord: Codable {}
  extension DecodeRecord.Feeding: Codable {}
#endif
