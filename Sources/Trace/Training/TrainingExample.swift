/// One training pair as token ids of the model's vocabularies, before padding, reversal
/// or end tokens (a ``TrainingBatch`` adds those, as the model's forward pass expects).
///
/// ```
/// try TrainingExample(source: "ab", target: "ba", configuration: config)
/// // sourceIDs [0, 1], targetIDs [3, 2] for inputs [a b c] and outputs [\t \n a b c]
/// ```
public struct TrainingExample: Equatable, Sendable, Codable {
  /// The source's ids in the input vocabulary.
  public var sourceIDs: [Int]
  /// The target's ids in the output vocabulary (no start or end token).
  public var targetIDs: [Int]
  /// A series model's input values, `n × F` step-major (then `sourceIDs` is empty).
  public var sourceValues: [Float]? = nil
  /// A series model's true next values, `k × F` step-major (then `targetIDs` is empty).
  public var targetValues: [Float]? = nil

  /// A pair of id sequences.
  public init(sourceIDs: [Int], targetIDs: [Int]) {
    self.sourceIDs = sourceIDs
    self.targetIDs = targetIDs
  }

  /// A pair of texts turned into ids with the configuration's vocabularies.
  ///
  /// The start and end tokens are the decoder's own: a target that contains them is
  /// refused, as an unknown token, since the batch adds the end token itself.
  ///
  /// For a series model both texts are comma-separated numbers (``SeriesConfiguration``).
  public init(source: String, target: String, configuration: Seq2SeqConfiguration) throws(TrainingError) {
    switch configuration.kind.decoderOutput {
    case .values:
      do {
        self.init(sourceIDs: [], targetIDs: [])
        sourceValues = try SeriesConfiguration.values(of: source)
        targetValues = try SeriesConfiguration.values(of: target)
      } catch {
        throw .invalidOption("\(source.debugDescription) → \(target.debugDescription) is not a pair of series: \(error)")
      }
      return
    case .tokens:
      break
    }
    // The tokens the model refuses are found by the one rule (`Seq2SeqConfiguration.prepare`);
    // lengths are checked later, by `check(_:index:)`, against the prepared sequences.
    func ids(_ text: String, isTarget: Bool) throws(TrainingError) -> [Int] {
      let (tokens, refused) = configuration.tokens(of: text, isTarget: isTarget)
      guard refused.isEmpty else { throw .unknownTokens(text: text, tokens: refused) }
      let vocabulary = isTarget ? configuration.outputVocabulary : configuration.inputVocabulary
      return tokens.compactMap { vocabulary.id(of: $0) }
    }
    self.init(sourceIDs: try ids(source, isTarget: false), targetIDs: try ids(target, isTarget: true))
  }
}

/// A batch ready for ``Seq2SeqModel/forward(sources:targets:feeding:generator:)``:
/// sources padded and reversed as the model reads them, targets padded and ended.
public struct TrainingBatch: Equatable, Sendable {
  /// Per row, the encoder's token ids (``Seq2SeqConfiguration/encoderTokens(forSourceIDs:)``).
  public var sources: [[Int]]
  /// Per row, the decoder's target ids (``Seq2SeqConfiguration/decoderTargets(forTargetIDs:)``).
  public var targets: [[Int]]
  /// A series model's rows: the encoder's values (``Seq2SeqConfiguration/encoderValues(forSeries:)``).
  public var sourceValues: [[Float]]? = nil
  /// A series model's rows: the true next values.
  public var targetValues: [[Float]]? = nil
}

extension Seq2SeqModel {
  /// Prepares examples for the forward pass, in order.
  public func batch(_ examples: some Sequence<TrainingExample>) -> TrainingBatch {
    var batch = TrainingBatch(sources: [], targets: [])
    for example in examples {
      if let values = example.sourceValues {
        batch.sourceValues = (batch.sourceValues ?? []) + [configuration.encoderValues(forSeries: values)]
        batch.targetValues = (batch.targetValues ?? []) + [example.targetValues ?? []]
        batch.sources.append([])
        batch.targets.append([])
        continue
      }
      batch.sources.append(configuration.encoderTokens(forSourceIDs: example.sourceIDs))
      batch.targets.append(configuration.decoderTargets(forTargetIDs: example.targetIDs))
    }
    return batch
  }

  /// Runs a prepared batch: ``forecast(series:targets:)`` for a series model, otherwise
  /// ``forward(sources:targets:feeding:generator:)``.
  public func forward(
    _ batch: TrainingBatch, feeding: DecoderFeeding, generator: inout SeededGenerator
  ) -> Seq2SeqForward {
    switch configuration.kind.decoderOutput {
    case .values: return forecast(series: batch.sourceValues ?? [], targets: batch.targetValues)
    case .tokens: return forward(sources: batch.sources, targets: batch.targets, feeding: feeding, generator: &generator)
    }
  }
}

extension Seq2SeqModel {
  /// Checks that an example fits this model: ids inside the vocabularies, the prepared
  /// source no longer than ``Seq2SeqConfiguration/maxInputLength`` and the prepared target
  /// (with its end token) no longer than ``Seq2SeqConfiguration/maxOutputLength``.
  ///
  /// - Parameter index: the example's place in its list, for the error message.
  public func check(_ example: TrainingExample, index: Int) throws(TrainingError) {
    let config = configuration
    switch config.kind.decoderOutput {
    case .tokens: break
    case .values:
      let width = config.valuesPerStep
      guard let source = example.sourceValues, let target = example.targetValues else {
        throw .unfitExample(index: index, reason: "a series model learns from values, not tokens")
      }
      guard source.count == config.maxInputLength * width else {
        throw .unfitExample(
          index: index, reason: "the source has \(source.count) values, the model reads \(config.maxInputLength * width)")
      }
      guard target.count == config.maxOutputLength * width else {
        throw .unfitExample(
          index: index, reason: "the target has \(target.count) values, the model writes \(config.maxOutputLength * width)")
      }
      return
    }
    guard example.sourceIDs.allSatisfy({ (0..<config.inputVocabulary.count).contains($0) }) else {
      throw .unfitExample(index: index, reason: "a source id is outside the input vocabulary")
    }
    guard example.targetIDs.allSatisfy({ (0..<config.outputVocabulary.count).contains($0) }) else {
      throw .unfitExample(index: index, reason: "a target id is outside the output vocabulary")
    }
    guard !example.sourceIDs.isEmpty else { throw .unfitExample(index: index, reason: "the source is empty") }
    let sourceLength = config.encoderTokens(forSourceIDs: example.sourceIDs).count
    guard sourceLength <= config.maxInputLength else {
      throw .unfitExample(
        index: index, reason: "the source has \(sourceLength) tokens, the model reads at most \(config.maxInputLength)")
    }
    let targetLength = config.decoderTargets(forTargetIDs: example.targetIDs).count
    guard targetLength <= config.maxOutputLength else {
      throw .unfitExample(
        index: index, reason: "the target needs \(targetLength) decoder steps, the model takes at most \(config.maxOutputLength)")
    }
  }
}
