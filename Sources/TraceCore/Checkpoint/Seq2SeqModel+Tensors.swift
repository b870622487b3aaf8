// A model from an unrolled checkpoint's tensors, once its configuration is read (natively by
// Codable in Seq2SeqModel+Checkpoint.swift, in the page by Seq2SeqConfiguration(json:)).

extension Seq2SeqModel {
  /// Reads a checkpoint in portable Swift: the configuration from its metadata through
  /// ``Seq2SeqConfiguration/init(json:)``, then the weights. What the page does with a
  /// checkpoint's bytes.
  public init(portableCheckpoint file: SafeTensorsFile) throws(CheckpointError) {
    try file.checkUnrolledCheckpoint()
    let configText = try file.metadataValue(.config)
    let json: JSONValue
    do {
      json = try JSONValue(parsing: Array(configText.utf8))
    } catch {
      throw CheckpointError(.unreadableMetadata(key: CheckpointMetadataKey.config.rawValue, reason: error.description))
    }
    let configuration: Seq2SeqConfiguration
    do {
      configuration = try Seq2SeqConfiguration(json: json)
    } catch {
      throw CheckpointError(.unreadableMetadata(key: CheckpointMetadataKey.config.rawValue, reason: error.message))
    }
    try self.init(checkpoint: file, configuration: configuration)
  }

  /// The model whose configuration is `configuration` and whose weights are the checkpoint's
  /// tensors; throws when the configuration is invalid or a tensor is missing or misshapen.
  public init(checkpoint file: SafeTensorsFile, configuration: Seq2SeqConfiguration) throws(CheckpointError) {
    do {
      try configuration.validate()
    } catch {
      throw CheckpointError(.unreadableMetadata(key: CheckpointMetadataKey.config.rawValue, reason: error.message))
    }
    func matrix(_ name: String, _ rows: Int, _ columns: Int) throws(CheckpointError) -> Matrix {
      Matrix(rows: rows, columns: columns, values: try file.tensor(name, shape: [rows, columns]).values)
    }
    func vector(_ name: String, _ count: Int) throws(CheckpointError) -> [Float] {
      try file.tensor(name, shape: [count]).values
    }
    func lstm(
      _ prefix: String, inputSize: Int, units: Int, activation: Activation, recurrentActivation: Activation, backwards: Bool
    ) throws(CheckpointError) -> LSTM {
      LSTM(
        kernel: try matrix("\(prefix)/kernel", inputSize, 4 * units),
        recurrentKernel: try matrix("\(prefix)/recurrent_kernel", units, 4 * units),
        bias: try vector("\(prefix)/bias", 4 * units),
        activation: activation, recurrentActivation: recurrentActivation, goBackwards: backwards)
    }
    let encoderConfig = configuration.encoder
    let encoder: EncoderLayer
    if encoderConfig.bidirectional {
      encoder = .bidirectional(
        Bidirectional(
          forward: try lstm(
            "encoder/forward", inputSize: configuration.encoderInputSize, units: encoderConfig.units,
            activation: encoderConfig.activation, recurrentActivation: encoderConfig.recurrentActivation, backwards: false),
          backward: try lstm(
            "encoder/backward", inputSize: configuration.encoderInputSize, units: encoderConfig.units,
            activation: encoderConfig.backwardActivation, recurrentActivation: encoderConfig.backwardRecurrentActivation,
            backwards: true),
          mergeMode: encoderConfig.mergeMode))
    } else {
      encoder = .unidirectional(
        try lstm(
          "encoder", inputSize: configuration.encoderInputSize, units: encoderConfig.units, activation: encoderConfig.activation,
          recurrentActivation: encoderConfig.recurrentActivation, backwards: false))
    }
    let decoderConfig = configuration.decoder
    // A bidirectional decoder's halves are stored as the encoder's are.
    let decoder = try lstm(
      decoderConfig.bidirectional ? "decoder/forward" : "decoder", inputSize: configuration.decoderInputSize,
      units: configuration.decoder.units,
      activation: configuration.decoder.activation, recurrentActivation: configuration.decoder.recurrentActivation,
      backwards: false)
    let decoderBackward =
      decoderConfig.bidirectional
      ? try lstm(
        "decoder/backward", inputSize: configuration.decoderInputSize, units: decoderConfig.units,
        activation: decoderConfig.activation, recurrentActivation: decoderConfig.recurrentActivation, backwards: true)
      : nil
    let vocabularySize = configuration.outputVocabulary.count
    let output = Dense(
      kernel: try matrix("output/kernel", configuration.decoderOutputSize, vocabularySize),
      bias: try vector("output/bias", vocabularySize), activation: configuration.kind.outputActivation)
    let encoderEmbedding = try encoderConfig.embeddingSize.map { (size: Int) throws(CheckpointError) -> Embedding in
      Embedding(table: try matrix("encoder_embedding/embeddings", configuration.inputVocabulary.count, size))
    }
    let decoderEmbedding = try configuration.decoder.embeddingSize.map { (size: Int) throws(CheckpointError) -> Embedding in
      Embedding(table: try matrix("decoder_embedding/embeddings", vocabularySize, size))
    }
    do {
      try self.init(
        configuration: configuration, encoder: encoder, encoderEmbedding: encoderEmbedding,
        decoder: decoder, decoderEmbedding: decoderEmbedding, output: output, decoderBackward: decoderBackward)
    } catch {
      throw CheckpointError(.unreadableMetadata(key: CheckpointMetadataKey.config.rawValue, reason: error.message))
    }
  }
}
