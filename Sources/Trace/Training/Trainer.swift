// Mini-batch training of a Seq2SeqModel: seeded shuffles, forward with teacher forcing
// (or scheduled sampling), backward from the forward's caches, optional global-norm
// clipping, an Adam or RMSprop update; validation and probe traces after each epoch.
// Everything random is drawn from SeededGenerator streams derived from the seed, so the
// same seed and data give bit-identical weights. Goals, in order: correct, readable, fast.

/// Trains a model, keeping its optimizer's state between calls to ``train(on:validation:probes:cancellation:progress:)``.
///
/// ```
/// var trainer = try Trainer(model: model, options: TrainingOptions(epochs: 30, seed: 1))
/// let history = try trainer.train(on: examples, validation: held)
/// let trained = trainer.model
/// ```
public struct Trainer: Sendable {
  /// The model, updated by every batch.
  public private(set) var model: Seq2SeqModel
  /// The options.
  public let options: TrainingOptions
  /// The optimizer and its state (moments, step count).
  public private(set) var optimizer: any Optimizer
  /// Epochs completed so far, across calls.
  public private(set) var epochsDone = 0

  /// A trainer of `model`; throws when an option is out of range.
  ///
  /// Every batch is cut in two halves that run at once, one per core
  /// (``Seq2SeqModel/batchGradient(_:feeding:generator:)``); the weights do not depend on
  /// the number of cores. The process-wide settings training wants are the executable's to
  /// make, first thing in `main` (`unrolled` and `bench-training` do):
  /// ``BLASThreading/useOneThreadFromTheStart()`` (OpenBLAS on one thread unless
  /// `OPENBLAS_NUM_THREADS` is set: faster for the small products of an LSTM step, and the
  /// same weights on any number of cores) and ``FreedMemoryRetention/keepForReuse()``
  /// (freed memory kept for reuse, which spares a page fault per page per batch).
  public init(model: Seq2SeqModel, options: TrainingOptions) throws(TrainingError) {
    try options.validate()
    switch model.configuration.kind.decoding {
    case .teacherForcedOnly(.bidirectionalDecoder) where options.teacherForcingRatio < 1:
      throw .invalidOption(
        "the \(model.configuration.name) model's decoder is bidirectional, so it trains only with teacher forcing: use a teacher-forcing ratio of 1, not \(options.teacherForcingRatio)"
      )
    case .teacherForcedOnly, .freeRunning:
      break
    }
    self.model = model
    self.options = options
    optimizer = options.optimizer.make(parameterCount: model.parameterCount, learningRate: options.learningRate)
  }

  /// Trains for ``TrainingOptions/epochs`` epochs.
  ///
  /// - Parameters:
  ///   - training: the examples learned from, reshuffled every epoch.
  ///   - validation: the examples measured after every epoch (may be empty).
  ///   - probes: inputs traced at ``TrainingOptions/probeEpochs`` and after the last epoch.
  ///   - cancellation: checked before every batch; when raised, training stops and the
  ///     history so far is returned with ``TrainingStop/cancelled(epoch:batches:)``.
  ///   - progress: called after every batch.
  /// - Throws: ``TrainingError/nonFiniteLoss(epoch:batch:loss:)`` or
  ///   ``TrainingError/nonFiniteGradient(epoch:batch:)`` when a loss or a gradient is NaN
  ///   or infinite (the model keeps the weights from before that batch),
  ///   ``TrainingError/invalidOption(_:)`` for a probe the model cannot read,
  ///   ``TrainingError/unfitExample(index:reason:)`` for an example that does not fit.
  public mutating func train(
    on training: [TrainingExample], validation: [TrainingExample] = [], probes: [ProbeExample] = [],
    cancellation: TrainingCancellation? = nil, progress: (TrainingProgress) -> Void = { _ in }
  ) throws(TrainingError) -> TrainingHistory {
    guard !training.isEmpty else { throw .noTrainingExamples }
    for (index, example) in training.enumerated() { try model.check(example, index: index) }
    for (index, example) in validation.enumerated() { try model.check(example, index: index) }
    var history = TrainingHistory(
      options: options, trainingExampleCount: training.count, validationExampleCount: validation.count,
      epochs: [], probes: [], stop: .completed)
    let firstEpoch = epochsDone + 1
    let lastEpoch = epochsDone + options.epochs
    let probedEpochs = Set(options.probeEpochs + [lastEpoch])
    if !probes.isEmpty {
      // Traced even when not recorded: an unreadable probe is refused before training, not after.
      let before = try snapshot(probes, epoch: epochsDone)
      if probedEpochs.contains(epochsDone) { history.probes.append(before) }
    }

    let batchCount = (training.count + options.batchSize - 1) / options.batchSize
    for epoch in stride(from: firstEpoch, through: lastEpoch, by: 1) {
      // Set at the start of the epoch, as Keras's LearningRateScheduler callback does.
      optimizer.learningRate = options.learningRate(atEpoch: epoch)
      var order = Array(training.indices)
      var shuffler = SeededGenerator.stream(UInt64(epoch), of: options.seed)
      shuffler.shuffle(&order)
      var sampler = SeededGenerator.stream(UInt64(epoch) | 1 << 32, of: options.seed)
      var lossSum = 0.0
      var pairs = 0
      var rightPredictions = 0
      for batchIndex in 0..<batchCount {
        if cancellation?.isCancelled == true {
          history.stop = .cancelled(epoch: epoch, batches: batchIndex)
          return history
        }
        let rows = order[batchIndex * options.batchSize..<min((batchIndex + 1) * options.batchSize, order.count)]
        let step = try trainBatch(rows.map { training[$0] }, generator: &sampler, epoch: epoch, batch: batchIndex + 1)
        lossSum += Double(step.loss) * Double(step.pairs)
        pairs += step.pairs
        rightPredictions += step.rightPredictions
        progress(
          TrainingProgress(
            epoch: epoch, epochCount: lastEpoch, batch: batchIndex + 1, batchCount: batchCount, batchLoss: step.loss,
            epochLoss: pairs == 0 ? 0 : Float(lossSum / Double(pairs)),
            examplesSeen: min((batchIndex + 1) * options.batchSize, training.count),
            epochAccuracy: model.configuration.series != nil || pairs == 0 ? nil : Float(rightPredictions) / Float(pairs)))
      }
      epochsDone = epoch
      history.epochs.append(
        EpochMetrics(
          epoch: epoch, trainingLoss: pairs == 0 ? 0 : Float(lossSum / Double(pairs)),
          validation: model.evaluate(validation, batchSize: max(options.batchSize, 256))))
      if !probes.isEmpty && probedEpochs.contains(epoch) {
        history.probes.append(try snapshot(probes, epoch: epoch))
      }
    }
    return history
  }
}

private extension Trainer {
  struct BatchStep {
    var loss: Float
    var pairs: Int
    var rightPredictions: Int
  }

  /// One update: the batch's loss and gradient (``Seq2SeqModel/batchGradient(_:feeding:generator:)``,
  /// two halves on two cores), then clip and optimizer step.
  mutating func trainBatch(
    _ examples: [TrainingExample], generator: inout SeededGenerator, epoch: Int, batch: Int
  ) throws(TrainingError) -> BatchStep {
    let step = model.batchGradient(examples, feeding: options.feeding, generator: &generator)
    let loss = step.loss
    let pairs = step.pairs
    var gradients = step.gradients
    guard loss.isFinite else { throw .nonFiniteLoss(epoch: epoch, batch: batch, loss: loss) }
    if let clipNorm = options.clipNorm {
      let norm = GradientClipping.clipByGlobalNorm(&gradients, clipNorm: clipNorm)
      guard norm.isFinite else { throw .nonFiniteGradient(epoch: epoch, batch: batch) }
    } else {
      guard step.gradientsAreFinite else { throw .nonFiniteGradient(epoch: epoch, batch: batch) }
    }
    optimizer.update(&model, gradients: gradients)
    return BatchStep(loss: loss, pairs: pairs, rightPredictions: step.rightPredictions)
  }

  /// The probes' traces now.
  func snapshot(_ probes: [ProbeExample], epoch: Int) throws(TrainingError) -> ProbeSnapshot {
    var traces: [ModelTrace] = []
    for probe in probes {
      do {
        traces.append(try model.trace(input: probe.input, target: probe.target))
      } catch {
        throw .invalidOption("the probe \(probe.input.debugDescription) cannot be traced: \(error)")
      }
    }
    return ProbeSnapshot(epoch: epoch, traces: traces)
  }
}
