/// Everything that defines a seq2seq model except its weights: the architecture, the
/// sizes, the vocabularies and how text becomes a sequence. Stored in checkpoints.
public struct Seq2SeqConfiguration: Equatable, Sendable {
  /// The model's name (`addition`, `dates`, ...).
  public var name: String
  /// How the encoder hands over to the decoder.
  public var bridge: Bridge
  /// The encoder's layer.
  public var encoder: EncoderConfiguration
  /// The decoder's layer.
  public var decoder: DecoderConfiguration
  /// The tokens the encoder reads.
  public var inputVocabulary: Vocabulary
  /// The tokens the decoder writes (with the start and end tokens for a state bridge).
  public var outputVocabulary: Vocabulary
  /// The longest input the model accepts, in tokens (the padded width when `inputPadding` is set).
  public var maxInputLength: Int
  /// The most steps the decoder takes; for a repeat bridge, exactly its number of steps.
  public var maxOutputLength: Int
  /// When set, inputs are padded to a fixed width, as the training data was.
  public var inputPadding: Padding?
  /// When set, targets are padded to a fixed width (a repeat bridge writes a fixed number of tokens).
  public var outputPadding: Padding?
  /// Whether the encoder reads the input reversed (Sutskever et al. 2014).
  public var reverseInput: Bool
  /// The token fed to the decoder first (state bridge; the Keras example uses a tab).
  public var startToken: String?
  /// The token after which the decoder stops (state bridge; the Keras example uses a newline).
  public var endToken: String?
  /// Whether a repeat bridge's decoder also reads its previous output token beside the
  /// repeated encoding (Srivastava et al. 2015's conditioned decoder); `nil` or `false`: it
  /// reads the repeated encoding only. Needs ``startToken`` for its first step.
  public var conditionedDecoder: Bool?
  /// When set, the model reads and writes real values, not tokens: its vocabularies name
  /// the values of one step, the output layer is linear and the loss is mean squared error
  /// (see ``SeriesConfiguration``). `nil` for a token model, and in every checkpoint made
  /// before forecasting existed.
  public var series: SeriesConfiguration?

  /// A configuration; see ``validate()`` for the rules it must follow.
  public init(
    name: String, bridge: Bridge, encoder: EncoderConfiguration, decoder: DecoderConfiguration,
    inputVocabulary: Vocabulary, outputVocabulary: Vocabulary, maxInputLength: Int,
    maxOutputLength: Int, inputPadding: Padding? = nil, outputPadding: Padding? = nil, reverseInput: Bool = false,
    startToken: String? = nil, endToken: String? = nil, conditionedDecoder: Bool? = nil,
    series: SeriesConfiguration? = nil
  ) {
    self.name = name
    self.bridge = bridge
    self.encoder = encoder
    self.decoder = decoder
    self.inputVocabulary = inputVocabulary
    self.outputVocabulary = outputVocabulary
    self.maxInputLength = maxInputLength
    self.maxOutputLength = maxOutputLength
    self.inputPadding = inputPadding
    self.outputPadding = outputPadding
    self.reverseInput = reverseInput
    self.startToken = startToken
    self.endToken = endToken
    self.conditionedDecoder = conditionedDecoder
    self.series = series
  }

  /// The values read or written per step of a series model: the vocabulary's size.
  public var valuesPerStep: Int { inputVocabulary.count }

  /// The size of the vector the decoder receives from the encoder: the decoder's state
  /// size for a state bridge, the repeated vector's size for a repeat bridge.
  public var encodingSize: Int {
    switch bridge {
    case .states: return encoder.bidirectional ? 2 * encoder.units : encoder.units
    case .repeatVector:
      return encoder.bidirectional ? (encoder.mergeMode.mergedSize(units: encoder.units) ?? 0) : encoder.units
    }
  }

  /// The size of each vector the encoder reads: the embedding size or the vocabulary size.
  public var encoderInputSize: Int { encoder.embeddingSize ?? inputVocabulary.count }

  /// The size of the vector the output softmax reads at each step: the decoder's units,
  /// or both halves concatenated for a bidirectional decoder.
  public var decoderOutputSize: Int { decoder.bidirectional ? 2 * decoder.units : decoder.units }

  /// The size of each vector the decoder reads.
  public var decoderInputSize: Int {
    switch kind.decoderInput {
    case .previousToken: return decoder.embeddingSize ?? outputVocabulary.count
    case .repeatedEncoding: return encodingSize
    case .repeatedEncodingAndPreviousToken: return encodingSize + outputVocabulary.count
    }
  }

  /// Checks the rules a model must follow and says which one is broken.
  public func validate() throws(ConfigurationError) {
    func fail(_ message: String) -> ConfigurationError { ConfigurationError(message: message) }
    // Sizes first: every rule below multiplies them (and so does every layer built after).
    for size in sizes {
      if let message = ModelLimits.problem(size.value, in: size.limit, naming: size.name) { throw fail(message) }
    }
    if encoder.bidirectional, let backwardLayer = encoder.backwardLayer,
      let message = backwardLayer.kerasRuleViolation(returnSequences: false, returnState: bridge == .states)
    {
      throw fail(message)
    }
    if encoder.backwardLayer != nil && !encoder.bidirectional {
      throw fail("a backward layer needs a bidirectional encoder")
    }
    if decoder.bidirectional {
      guard bridge == .states, encoder.bidirectional else {
        throw fail(
          "a bidirectional decoder starts from a bidirectional encoder's four states: it needs a state bridge and a bidirectional encoder"
        )
      }
      guard decoder.units == encoder.units else {
        throw fail(
          "a bidirectional decoder needs each half's units equal to the encoder's (\(encoder.units)), not \(decoder.units)")
      }
    }
    switch bridge {
    case .states where decoder.bidirectional:
      guard let startToken, let endToken, outputVocabulary.id(of: startToken) != nil, outputVocabulary.id(of: endToken) != nil
      else {
        throw fail("a state bridge needs start and end tokens in the output vocabulary")
      }
    case .states:
      guard decoder.units == encodingSize else {
        throw fail("a state bridge needs decoder units equal to the encoder's state size (\(encodingSize)), not \(decoder.units)")
      }
      guard let startToken, let endToken, outputVocabulary.id(of: startToken) != nil, outputVocabulary.id(of: endToken) != nil
      else {
        throw fail("a state bridge needs start and end tokens in the output vocabulary")
      }
    case .repeatVector:
      guard !encoder.bidirectional || encoder.mergeMode != .none else {
        throw fail("a repeat bridge needs one vector to repeat: merge mode none keeps two")
      }
      guard decoder.embeddingSize == nil else { throw fail("a repeat bridge decoder reads the encoding, not embedded tokens") }
      if conditionedDecoder == true {
        guard let startToken, outputVocabulary.id(of: startToken) != nil else {
          throw fail("a conditioned decoder needs a start token in the output vocabulary to read at its first step")
        }
      }
    }
    if conditionedDecoder == true && bridge != .repeatVector {
      throw fail("only a repeat bridge has a conditioned decoder: a state bridge's decoder already reads its previous token")
    }
    if series != nil {
      guard bridge == .repeatVector else { throw fail("a series model needs a repeat bridge") }
      guard encoder.embeddingSize == nil else { throw fail("a series model reads its values, not embedded tokens") }
      guard conditionedDecoder != true else {
        throw fail("a series model's decoder reads the repeated encoding only; it cannot also read its previous values")
      }
      guard inputPadding == nil, outputPadding == nil else { throw fail("a series model reads and writes no padding") }
      guard inputVocabulary == outputVocabulary else {
        throw fail("a series model writes the same values per step as it reads (one vocabulary naming them)")
      }
    }
    if let inputPadding {
      guard inputPadding.width == maxInputLength else { throw fail("the padding width must equal the maximum input length") }
      guard inputVocabulary.id(of: inputPadding.token) != nil else {
        throw fail("the padding token is not in the input vocabulary")
      }
    }
    if let outputPadding {
      guard outputPadding.width == maxOutputLength else {
        throw fail("the output padding width must equal the maximum output length")
      }
      guard outputVocabulary.id(of: outputPadding.token) != nil else {
        throw fail("the output padding token is not in the output vocabulary")
      }
    }
  }
}

extension Seq2SeqConfiguration {
  /// A size the configuration states, and the range ``ModelLimits`` allows it.
  fileprivate struct Size {
    var name: String
    var value: Int
    var limit: ClosedRange<Int>
  }

  /// Every size and count the configuration states, each with its limit.
  fileprivate var sizes: [Size] {
    var sizes = [
      Size(name: "the encoder's units", value: encoder.units, limit: ModelLimits.units),
      Size(name: "the decoder's units", value: decoder.units, limit: ModelLimits.units),
      Size(name: "the maximum input length", value: maxInputLength, limit: ModelLimits.sequenceLength),
      Size(name: "the maximum output length", value: maxOutputLength, limit: ModelLimits.sequenceLength),
      Size(name: "the input vocabulary's size", value: inputVocabulary.count, limit: ModelLimits.vocabularySize),
      Size(name: "the output vocabulary's size", value: outputVocabulary.count, limit: ModelLimits.vocabularySize),
    ]
    if let size = encoder.embeddingSize {
      sizes.append(Size(name: "the encoder's embedding size", value: size, limit: ModelLimits.embeddingSize))
    }
    if let size = decoder.embeddingSize {
      sizes.append(Size(name: "the decoder's embedding size", value: size, limit: ModelLimits.embeddingSize))
    }
    if let series {
      sizes.append(Size(name: "the series' decimals", value: series.decimals, limit: ModelLimits.decimals))
    }
    return sizes
  }
}

/// How the encoder's work reaches the decoder.
public enum Bridge: String, Sendable {
  /// The encoder's final hidden and cell states become the decoder's initial states, and
  /// the decoder reads the previous output token (Keras's lstm_seq2seq example).
  case states = "stateBridge"
  /// The encoder's final output is repeated as the decoder's input at every step
  /// (RepeatVector), and the decoder starts from zero states.
  case repeatVector = "repeatBridge"
}

/// The encoder layer's options.
public struct EncoderConfiguration: Equatable, Sendable {
  /// Units of the LSTM (of each direction when bidirectional).
  public var units: Int
  /// Whether a forward and a backward LSTM read the input.
  public var bidirectional: Bool
  /// How a bidirectional encoder merges its outputs (ignored otherwise).
  public var mergeMode: MergeMode
  /// The LSTM's activation (Keras `activation`).
  public var activation: Activation
  /// The gates' activation (Keras `recurrent_activation`).
  public var recurrentActivation: Activation
  /// The embedding size, or `nil` for one-hot input.
  public var embeddingSize: Int?
  /// A bidirectional encoder's backward LSTM when it is configured apart from the forward
  /// one (Keras `backward_layer`); `nil`: the same options as the forward layer.
  public var backwardLayer: BackwardLayerConfiguration?

  /// Encoder options; defaults as in Keras.
  public init(
    units: Int, bidirectional: Bool = false, mergeMode: MergeMode = .concat,
    activation: Activation = .tanh, recurrentActivation: Activation = .sigmoid, embeddingSize: Int? = nil,
    backwardLayer: BackwardLayerConfiguration? = nil
  ) {
    self.units = units
    self.bidirectional = bidirectional
    self.mergeMode = mergeMode
    self.activation = activation
    self.recurrentActivation = recurrentActivation
    self.embeddingSize = embeddingSize
    self.backwardLayer = backwardLayer
  }

  /// The backward LSTM's activation: its own, or the forward layer's.
  public var backwardActivation: Activation { backwardLayer?.activation ?? activation }
  /// The backward LSTM's gate activation: its own, or the forward layer's.
  public var backwardRecurrentActivation: Activation { backwardLayer?.recurrentActivation ?? recurrentActivation }
}

/// The decoder layer's options.
public struct DecoderConfiguration: Equatable, Sendable {
  /// Units of the decoder LSTM.
  public var units: Int
  /// The LSTM's activation.
  public var activation: Activation
  /// The gates' activation.
  public var recurrentActivation: Activation
  /// The embedding size, or `nil` for one-hot input.
  public var embeddingSize: Int?
  /// Whether the decoder is itself a `Bidirectional(LSTM)` (merge mode concat) whose
  /// forward half starts from the encoder's forward `(h, c)` and whose backward half from
  /// its backward `(h, c)`. Such a decoder reads the whole target sequence at once, so it
  /// can only be teacher-forced: its backward half would need tokens not yet written.
  public var bidirectional: Bool

  /// Decoder options; defaults as in Keras.
  public init(
    units: Int, activation: Activation = .tanh, recurrentActivation: Activation = .sigmoid, embeddingSize: Int? = nil,
    bidirectional: Bool = false
  ) {
    self.units = units
    self.activation = activation
    self.recurrentActivation = recurrentActivation
    self.embeddingSize = embeddingSize
    self.bidirectional = bidirectional
  }
}

/// Fixed-width text, padded the way the training data was.
public struct Padding: Equatable, Sendable {
  /// Which end of the text receives the padding.
  public enum Side: String, Sendable { case left, right }
  /// The width every text is padded to.
  public var width: Int
  /// `left` right-justifies the text, as the addition tutorial does.
  public var side: Side
  /// The padding token (a space in the addition tutorial).
  public var token: String

  /// Padding to `width` on `side` with `token`.
  public init(width: Int, side: Side, token: String) {
    self.width = width
    self.side = side
    self.token = token
  }

  /// `ids` padded to the width (unchanged when already as wide or wider).
  public func pad(_ ids: [Int], paddingID: Int) -> [Int] {
    guard ids.count < width else { return ids }
    let fill = [Int](repeating: paddingID, count: width - ids.count)
    return side == .left ? fill + ids : ids + fill
  }
}

/// A configuration that breaks a rule.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  public var description: String { "invalid model: \(message)" }

  /// An error saying `message`.
  public init(message: String) { self.message = message }
}

#if !hasFeature(Embedded)
  extension Seq2SeqConfiguration: Codable {}
  extension Bridge: Codable {}
  extension EncoderConfiguration: Codable {}
  extension DecoderConfiguration: Codable {
    enum CodingKeys: String, CodingKey { case units, activation, recurrentActivation, embeddingSize, bidirectional }

    /// Reads the options; a configuration written before bidirectional decoders has none.
    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      units = try container.decode(Int.self, forKey: .units)
      activation = try container.decode(Activation.self, forKey: .activation)
      recurrentActivation = try container.decode(Activation.self, forKey: .recurrentActivation)
      embeddingSize = try container.decodeIfPresent(Int.self, forKey: .embeddingSize)
      bidirectional = try container.decodeIfPresent(Bool.self, forKey: .bidirectional) ?? false
    }

    /// Writes the options; `bidirectional` only when set, so other checkpoints are unchanged.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(units, forKey: .units)
      try container.encode(activation, forKey: .activation)
      try container.encode(recurrentActivation, forKey: .recurrentActivation)
      try container.encodeIfPresent(embeddingSize, forKey: .embeddingSize)
      if bidirectional { try container.encode(true, forKey: .bidirectional) }
    }
  }
  extension Padding: Codable {}
  extension Padding.Side: Codable {}
#endif
