// A fresh model with Keras's initial weights, for training (native: see SeededGenerator+Normal.swift).

extension Seq2SeqModel {
  /// A freshly initialised model, as Keras would initialise it, from a seeded generator.
  public init(configuration: Seq2SeqConfiguration, seed: UInt64) throws(ConfigurationError) {
    try configuration.validate()
    var generator = SeededGenerator(seed: seed)
    let encoderConfig = configuration.encoder
    func encoderLSTM(backwards: Bool) -> LSTM {
      LSTM(
        inputSize: configuration.encoderInputSize, units: encoderConfig.units,
        activation: encoderConfig.activation, recurrentActivation: encoderConfig.recurrentActivation,
        goBackwards: backwards, generator: &generator)
    }
    func encoderBackwardLSTM() -> LSTM {
      LSTM(
        inputSize: configuration.encoderInputSize, units: encoderConfig.units,
        activation: encoderConfig.backwardActivation, recurrentActivation: encoderConfig.backwardRecurrentActivation,
        goBackwards: true, generator: &generator)
    }
    let encoder: EncoderLayer =
      encoderConfig.bidirectional
      ? .bidirectional(
        Bidirectional(
          forward: encoderLSTM(backwards: false), backward: encoderBackwardLSTM(), mergeMode: encoderConfig.mergeMode))
      : .unidirectional(encoderLSTM(backwards: false))
    let decoder = LSTM(
      inputSize: configuration.decoderInputSize, units: configuration.decoder.units,
      activation: configuration.decoder.activation, recurrentActivation: configuration.decoder.recurrentActivation,
      generator: &generator)
    let decoderBackward =
      configuration.decoder.bidirectional
      ? LSTM(
        inputSize: configuration.decoderInputSize, units: configuration.decoder.units,
        activation: configuration.decoder.activation, recurrentActivation: configuration.decoder.recurrentActivation,
        goBackwards: true, generator: &generator) : nil
    let output = Dense(
      inputSize: configuration.decoderOutputSize, outputSize: configuration.outputVocabulary.count,
      activation: configuration.kind.outputActivation, generator: &generator)
    let encoderEmbedding = encoderConfig.embeddingSize.map {
      Embedding(vocabularySize: configuration.inputVocabulary.count, dimension: $0, generator: &generator)
    }
    let decoderEmbedding = configuration.decoder.embeddingSize.map {
      Embedding(vocabularySize: configuration.outputVocabulary.count, dimension: $0, generator: &generator)
    }
    try self.init(
      configuration: configuration, encoder: encoder, encoderEmbedding: encoderEmbedding,
      decoder: decoder, decoderEmbedding: decoderEmbedding, output: output, decoderBackward: decoderBackward)
  }
}
