// An LSTM encoder-decoder with Keras semantics: an encoder LSTM (or Bidirectional LSTM)
// reads the source; a bridge hands its work to a decoder LSTM, either as initial states
// (Keras's lstm_seq2seq example) or as a vector repeated at every step (RepeatVector, the
// addition tutorial); a Dense softmax turns each decoder step into next-token
// probabilities. Reference: Sutskever, Vinyals and Le 2014; Cho et al. 2014.

/// A seq2seq model: its configuration and its layers' weights.
public struct Seq2SeqModel: Equatable, Sendable {
  /// The architecture, sizes and vocabularies.
  public let configuration: Seq2SeqConfiguration
  /// The layer that reads the source.
  public var encoder: EncoderLayer
  /// The embedding of source tokens, when the encoder does not read one-hot vectors.
  public var encoderEmbedding: Embedding?
  /// The layer that writes the target.
  public var decoder: LSTM
  /// The embedding of fed target tokens, when the decoder does not read one-hot vectors.
  public var decoderEmbedding: Embedding?
  /// The softmax layer over the output vocabulary, applied at every decoder step.
  public var output: Dense
  /// A bidirectional decoder's backward half (`decoder` is then its forward half); `nil`
  /// for the usual one-directional decoder.
  public var decoderBackward: LSTM?

  /// How every layer computes its products, softmax and loss: ``Arithmetic/platform`` for
  /// training (the default), ``Arithmetic/portable`` for a recording that must have the same
  /// bits natively and in the page.
  public var arithmetic: Arithmetic {
    get { output.arithmetic }
    set {
      switch encoder {
      case .unidirectional(var lstm):
        lstm.arithmetic = newValue
        encoder = .unidirectional(lstm)
      case .bidirectional(var layer):
        layer.forward.arithmetic = newValue
        layer.backward.arithmetic = newValue
        encoder = .bidirectional(layer)
      }
      decoder.arithmetic = newValue
      decoderBackward?.arithmetic = newValue
      output.arithmetic = newValue
    }
  }

  /// A model built from its layers, which must match `configuration`.
  public init(
    configuration: Seq2SeqConfiguration, encoder: EncoderLayer, encoderEmbedding: Embedding? = nil,
    decoder: LSTM, decoderEmbedding: Embedding? = nil, output: Dense, decoderBackward: LSTM? = nil
  ) throws(ConfigurationError) {
    try configuration.validate()
    func fail(_ message: String) -> ConfigurationError { ConfigurationError(message: message) }
    guard encoder.units == configuration.encoder.units, encoder.inputSize == configuration.encoderInputSize else {
      throw fail("the encoder's weights do not match its configuration")
    }
    guard encoder.isBidirectional == configuration.encoder.bidirectional else {
      throw fail("the encoder's directions do not match its configuration")
    }
    guard decoder.units == configuration.decoder.units, decoder.inputSize == configuration.decoderInputSize else {
      throw fail("the decoder's weights do not match its configuration")
    }
    guard (decoderBackward != nil) == configuration.decoder.bidirectional else {
      throw fail("the decoder's directions do not match its configuration")
    }
    if let decoderBackward {
      guard decoderBackward.goBackwards, !decoder.goBackwards, decoderBackward.units == decoder.units,
        decoderBackward.inputSize == decoder.inputSize
      else { throw fail("the decoder's backward half does not match its forward half") }
    }
    guard output.kernel.rows == configuration.decoderOutputSize, output.kernel.columns == configuration.outputVocabulary.count
    else {
      throw fail("the output layer's weights do not match the decoder and the vocabulary")
    }
    guard output.activation == configuration.kind.outputActivation else {
      throw fail("a series model's output layer is linear, a token model's is a softmax")
    }
    guard (encoderEmbedding == nil) == (configuration.encoder.embeddingSize == nil),
      (decoderEmbedding == nil) == (configuration.decoder.embeddingSize == nil)
    else { throw fail("embeddings do not match the configuration") }
    self.configuration = configuration
    self.encoder = encoder
    self.encoderEmbedding = encoderEmbedding
    self.decoder = decoder
    self.decoderEmbedding = decoderEmbedding
    self.output = output
    self.decoderBackward = decoderBackward
  }

  /// The number of trainable parameters of the whole model.
  public var parameterCount: Int {
    encoder.parameterCount + (encoderEmbedding?.parameterCount ?? 0) + decoder.parameterCount
      + (decoderEmbedding?.parameterCount ?? 0) + output.parameterCount + (decoderBackward?.parameterCount ?? 0)
  }
}

/// The encoder: one LSTM, or a forward and a backward one.
public enum EncoderLayer: Equatable, Sendable {
  case unidirectional(LSTM)
  case bidirectional(Bidirectional)

  /// Units of each direction.
  public var units: Int {
    switch self {
    case .unidirectional(let lstm): return lstm.units
    case .bidirectional(let layer): return layer.units
    }
  }

  /// The size of each input vector.
  public var inputSize: Int {
    switch self {
    case .unidirectional(let lstm): return lstm.inputSize
    case .bidirectional(let layer): return layer.forward.inputSize
    }
  }

  /// Whether two directions read the input.
  public var isBidirectional: Bool {
    if case .bidirectional = self { return true }
    return false
  }

  /// Trainable parameters of every direction.
  public var parameterCount: Int {
    switch self {
    case .unidirectional(let lstm): return lstm.parameterCount
    case .bidirectional(let layer): return layer.parameterCount
    }
  }
}
