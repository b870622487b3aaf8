// How each built-in model is made: its task, its architecture sized for the task, its
// training options and seeds, and the probe inputs traced while it learns. `unrolled
// train --task NAME` and `make models` follow these recipes, so the shipped checkpoints can
// be made again bit for bit on the same machine.

/// Everything needed to train one model from scratch.
public struct TrainingRecipe: Sendable {
  /// The architecture.
  public var configuration: Seq2SeqConfiguration
  /// The data, already split.
  public var dataset: Dataset
  /// Epochs, batch size, optimizer, seed...
  public var options: TrainingOptions
  /// The seed of the initial weights.
  public var weightSeed: UInt64
  /// Inputs traced at the probe epochs, so a lesson can show the model learning.
  public var probes: [ProbeExample]

  /// A recipe from its parts.
  public init(
    configuration: Seq2SeqConfiguration, dataset: Dataset, options: TrainingOptions, weightSeed: UInt64, probes: [ProbeExample]
  ) {
    self.configuration = configuration
    self.dataset = dataset
    self.options = options
    self.weightSeed = weightSeed
    self.probes = probes
  }
}

extension BuiltInModel {
  /// The task whose data trains this model.
  public var task: BuiltInTask {
    switch self {
    case .addition: return .addition
    case .addition3, .addition3Reversed: return .addition3
    case .dates: return .dates
    case .phrasebook: return .phrasebook
    case .autoencoder, .autoencoderConditioned: return .autoencoder
    case .commands: return .commands
    case .sines: return .sines
    case .datesBidirectionalDecoder: return .dates
    }
  }

  /// The inputs traced while it learns, for its history and its model page. Kept apart from
  /// ``recipe()`` so that a page can name them without making the training data.
  public var probes: [ProbeExample] {
    switch self {
    case .addition:
      return [
        ProbeExample(input: " 2+10", target: "12"), ProbeExample(input: " 7+5", target: "12"),
        ProbeExample(input: "10+10", target: "20"),
      ]
    case .addition3, .addition3Reversed:
      return [
        ProbeExample(input: "123+45", target: "168"), ProbeExample(input: "999+1", target: "1000"),
        ProbeExample(input: "58+67", target: "125"),
      ]
    case .dates:
      // One probe keeps the history (a full trace per snapshot) small.
      return [ProbeExample(input: "22 Nov 2026", target: "2026-11-22")]
    case .phrasebook:
      return [ProbeExample(input: "Where is the station?", target: "Où est la gare ?")]
    case .autoencoder, .autoencoderConditioned:
      return [ProbeExample(input: "beach", target: "beach")]
    case .commands:
      // The first command of a (room, device) pair that training never shows (the recipe's
      // seed decides which pairs are held out; the task is made in a millisecond).
      let heldOut = Dataset.builtIn(.commands, seed: BuiltInModel.recipeDataSeed).validation
      return heldOut.prefix(1).map { ProbeExample(input: $0.source, target: $0.target) }
    case .sines:
      // A series of its own seed, outside the training and validation data.
      let example = Dataset.sineSeriesExample(seed: 1)
      return [ProbeExample(input: example.source, target: example.target)]
    case .datesBidirectionalDecoder:
      // Its decoder is teacher-forced only, so a probe needs its target.
      return [ProbeExample(input: "22 Nov 2026", target: "2026-11-22")]
    }
  }

  /// The seed every built-in model's data is made with.
  public static let recipeDataSeed: UInt64 = 2026

  /// The recipe of this model, with the committed seeds.
  public func recipe() -> TrainingRecipe {
    let dataset = Dataset.builtIn(task, seed: BuiltInModel.recipeDataSeed)
    let alphabet = task.alphabet
    let digits = Vocabulary(tokens: "0123456789+ ".map(String.init))  // the tutorial's alphabet order
    switch self {
    case .addition:
      let configuration = Seq2SeqConfiguration(
        name: rawValue, bridge: .repeatVector, encoder: EncoderConfiguration(units: 75),
        decoder: DecoderConfiguration(units: 50), inputVocabulary: digits, outputVocabulary: digits,
        maxInputLength: 5, maxOutputLength: 2,
        inputPadding: Padding(width: 5, side: .left, token: " "),
        outputPadding: Padding(width: 2, side: .left, token: " "))
      return TrainingRecipe(
        configuration: configuration, dataset: dataset,
        options: TrainingOptions(
          epochs: 150, batchSize: 32, seed: 7, optimizer: .adam, probeEpochs: [0, 1, 2, 5, 10, 20]),
        weightSeed: 75,
        probes: probes)
    case .addition3, .addition3Reversed:
      let configuration = Seq2SeqConfiguration.stateBridge(
        name: rawValue, source: alphabet.source, target: alphabet.target, dataset: dataset,
        encoder: EncoderConfiguration(units: 128), reverseInput: self == .addition3Reversed)
      return TrainingRecipe(
        configuration: configuration, dataset: dataset,
        // 30 epochs at Adam's default rate gave 5.5% (66.0% reversed), both still rising; 60
        // gave 57.5% (76.7%: the reversed model had reached 91.8% at epoch 55 and swung back).
        // Lowering the rate after epoch 60 lets both settle instead of swinging.
        options: TrainingOptions(
          epochs: 100, batchSize: 64, seed: 11, optimizer: .adam,
          learningRateDrops: [
            LearningRateDrop(epoch: 61, learningRate: 0.0005), LearningRateDrop(epoch: 76, learningRate: 0.00025),
            LearningRateDrop(epoch: 91, learningRate: 0.0001),
          ],
          clipNorm: 5, probeEpochs: [0, 1, 2, 5, 10, 50]),
        weightSeed: 128,
        probes: probes)
    case .dates:
      let configuration = Seq2SeqConfiguration.stateBridge(
        name: rawValue, source: alphabet.source, target: alphabet.target, dataset: dataset,
        encoder: EncoderConfiguration(units: 64, bidirectional: true, mergeMode: .concat))
      return TrainingRecipe(
        configuration: configuration, dataset: dataset,
        // 12 epochs reached 92.6% exact match with the loss still falling; 24 go further.
        options: TrainingOptions(
          epochs: 24, batchSize: 64, seed: 13, optimizer: .adam, clipNorm: 5, probeEpochs: [0, 1, 2, 5, 10, 20]),
        weightSeed: 64,
        probes: probes)
    case .phrasebook:
      let configuration = Seq2SeqConfiguration.stateBridge(
        name: rawValue, source: alphabet.source, target: alphabet.target, dataset: dataset,
        encoder: EncoderConfiguration(units: 256))
      return TrainingRecipe(
        configuration: configuration, dataset: dataset,
        // The Keras example's architecture, but not its training options: it has 10,000 pairs
        // (157 updates an epoch at batch 64); the phrasebook's 473 at batch 64 gave 8, and
        // 100 epochs of RMSprop left the training loss at 1.6. Batch 16 and Adam give ~30
        // updates an epoch.
        options: TrainingOptions(
          epochs: 150, batchSize: 16, seed: 17, optimizer: .adam, clipNorm: 5, probeEpochs: [0, 1, 5, 20, 50, 100]),
        weightSeed: 256,
        probes: probes)
    case .autoencoder, .autoencoderConditioned:
      let conditioned = self == .autoencoderConditioned
      let letters = alphabet.target.map(String.init)
      let configuration = Seq2SeqConfiguration(
        name: rawValue, bridge: .repeatVector, encoder: EncoderConfiguration(units: 64),
        decoder: DecoderConfiguration(units: 64), inputVocabulary: Vocabulary(tokens: letters),
        outputVocabulary: Vocabulary(tokens: conditioned ? ["\t"] + letters : letters),
        maxInputLength: Dataset.autoencoderLength, maxOutputLength: Dataset.autoencoderLength,
        startToken: conditioned ? "\t" : nil, conditionedDecoder: conditioned ? true : nil)
      return TrainingRecipe(
        configuration: configuration, dataset: dataset,
        // Same seeds, data and options for both, so only the decoder's input differs. 60 epochs
        // gave 97.0% and 99.2% exact match, the conditioned one after a loss spike in its last
        // epoch (it was at 100% in most epochs from the tenth); 40 give 95.8% and 100%.
        options: TrainingOptions(epochs: 40, batchSize: 32, seed: 19, optimizer: .adam, probeEpochs: [0, 5]),
        weightSeed: 32,
        probes: probes)
    case .commands:
      let configuration = Seq2SeqConfiguration.wordStateBridge(
        name: rawValue, lexicon: task.lexicon!, dataset: dataset, encoder: EncoderConfiguration(units: 64, embeddingSize: 16),
        decoderEmbeddingSize: 16)
      return TrainingRecipe(
        configuration: configuration, dataset: dataset,
        // Exact match on the held-out pairs: 82.1% at epoch 40, 96.4% at 50, 98.2% at 60, then
        // 96.4% from 80 to 200 (the training loss near 0.001): 60 epochs, chosen on validation.
        options: TrainingOptions(
          epochs: 60, batchSize: 32, seed: 19, optimizer: .adam, clipNorm: 5, probeEpochs: [0, 1, 5, 20, 40]),
        weightSeed: 64,
        probes: probes)
    case .sines:
      let values = Vocabulary(tokens: ["x"])  // one value per step, named x
      let configuration = Seq2SeqConfiguration(
        name: rawValue, bridge: .repeatVector, encoder: EncoderConfiguration(units: 32),
        decoder: DecoderConfiguration(units: 32), inputVocabulary: values, outputVocabulary: values,
        maxInputLength: Dataset.sinesInputLength, maxOutputLength: Dataset.sinesOutputLength,
        series: SeriesConfiguration(decimals: 3))
      return TrainingRecipe(
        configuration: configuration, dataset: dataset,
        // Held-out RMSE after 40 epochs 0.148, after 150 0.112 (repeating the last value:
        // 0.609; the noise alone leaves 0.05); about 1 s an epoch on one core.
        options: TrainingOptions(
          epochs: 150, batchSize: 32, seed: 19, optimizer: .adam, clipNorm: 1, probeEpochs: [0, 10]),
        weightSeed: 32,
        probes: probes)
    case .datesBidirectionalDecoder:
      // A few thousand dates are enough: the backward half of its decoder reads the very
      // token each step must write, so teacher forcing makes the task a copy.
      let small = Dataset(
        name: dataset.name, training: Array(dataset.training.prefix(4_000)), validation: Array(dataset.validation.prefix(500)))
      var configuration = Seq2SeqConfiguration.stateBridge(
        name: rawValue, source: alphabet.source, target: alphabet.target, dataset: small,
        encoder: EncoderConfiguration(
          units: 16, bidirectional: true, mergeMode: .concat, backwardLayer: BackwardLayerConfiguration(activation: .relu)))
      configuration.decoder = DecoderConfiguration(units: 16, bidirectional: true)
      return TrainingRecipe(
        configuration: configuration, dataset: small,
        options: TrainingOptions(epochs: 12, batchSize: 64, seed: 19, optimizer: .adam, clipNorm: 5, probeEpochs: [0, 1]),
        weightSeed: 16,
        probes: probes)
    }
  }
}

extension Seq2SeqConfiguration {
  /// The lstm_seq2seq example's architecture sized for a dataset: a state bridge whose
  /// decoder reads the previous character, starting from a tab and ending at a newline.
  ///
  /// The vocabularies are the given characters (plus tab and newline for the output); the
  /// length limits are the longest source, and the longest target plus the end token.
  public static func stateBridge(
    name: String, source: [Character], target: [Character], dataset: Dataset,
    encoder: EncoderConfiguration, reverseInput: Bool = false
  ) -> Seq2SeqConfiguration {
    let examples = dataset.training + dataset.validation
    let decoderUnits = encoder.bidirectional ? 2 * encoder.units : encoder.units
    return Seq2SeqConfiguration(
      name: name, bridge: .states, encoder: encoder, decoder: DecoderConfiguration(units: decoderUnits),
      inputVocabulary: Vocabulary(tokens: source.map(String.init)),
      outputVocabulary: Vocabulary(tokens: ["\t", "\n"] + target.map(String.init)),
      maxInputLength: examples.map(\.source.count).max() ?? 1,
      maxOutputLength: (examples.map(\.target.count).max() ?? 0) + 1,
      reverseInput: reverseInput, startToken: "\t", endToken: "\n")
  }
}

extension Seq2SeqConfiguration {
  /// The lstm_seq2seq example's architecture at the word level: a state bridge whose encoder
  /// and decoder read their tokens through `Embedding` layers, one word per token.
  ///
  /// The vocabularies are the lexicon's words (plus the start and end tokens, a tab and a
  /// newline, for the output); the length limits are the most words in a source, and in a
  /// target plus the end token.
  public static func wordStateBridge(
    name: String, lexicon: Lexicon, dataset: Dataset, encoder: EncoderConfiguration, decoderEmbeddingSize: Int,
    reverseInput: Bool = false
  ) -> Seq2SeqConfiguration {
    let examples = dataset.training + dataset.validation
    let wordCount = { (text: String) in text.split(separator: " ").count }
    let decoderUnits = encoder.bidirectional ? 2 * encoder.units : encoder.units
    return Seq2SeqConfiguration(
      name: name, bridge: .states, encoder: encoder,
      decoder: DecoderConfiguration(units: decoderUnits, embeddingSize: decoderEmbeddingSize),
      inputVocabulary: Vocabulary(tokens: lexicon.source, unit: .word),
      outputVocabulary: Vocabulary(tokens: ["\t", "\n"] + lexicon.target, unit: .word),
      maxInputLength: examples.map { wordCount($0.source) }.max() ?? 1,
      maxOutputLength: (examples.map { wordCount($0.target) }.max() ?? 0) + 1,
      reverseInput: reverseInput, startToken: "\t", endToken: "\n")
  }
}
