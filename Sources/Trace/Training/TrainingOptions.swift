/// How a ``Trainer`` trains: epochs, batches, optimizer and feeding.
public struct TrainingOptions: Codable, Equatable, Sendable {
  /// Passes over the training examples.
  public var epochs: Int
  /// Examples per update (the last batch of an epoch may be smaller, as in Keras).
  public var batchSize: Int
  /// Fixes the shuffles and scheduled sampling's draws: same seed and data, same weights.
  public var seed: UInt64
  /// Adam or RMSprop, with Keras 3's defaults.
  public var optimizer: OptimizerKind
  /// The learning rate, or `nil` for the optimizer's Keras default (0.001).
  public var learningRate: Float?
  /// Lower learning rates from given epochs on (Keras's `LearningRateScheduler` callback):
  /// empty, or `nil` in options saved before it existed, keeps ``learningRate`` throughout.
  public var learningRateDrops: [LearningRateDrop]?
  /// When set, gradients are clipped to this global norm (Keras `global_clipnorm`).
  public var clipNorm: Float?
  /// The probability that a decoder step reads the true previous token: 1 is teacher
  /// forcing; below 1 is scheduled sampling (Bengio et al. 2015). Ignored by a repeat
  /// bridge whose decoder reads no tokens (one without a conditioned decoder).
  public var teacherForcingRatio: Double
  /// The epochs after which the probes are traced (0: before training); the last epoch
  /// is always traced too.
  public var probeEpochs: [Int]

  /// The epochs traced by default: before training, early, and then ever more sparsely.
  public static let defaultProbeEpochs = [0, 1, 2, 5, 10, 20]

  /// Options; the defaults are Keras's (`batch_size=32`, Adam at 0.001, no clipping).
  public init(
    epochs: Int = 10, batchSize: Int = 32, seed: UInt64 = 0, optimizer: OptimizerKind = .adam,
    learningRate: Float? = nil, learningRateDrops: [LearningRateDrop]? = nil, clipNorm: Float? = nil,
    teacherForcingRatio: Double = 1, probeEpochs: [Int] = TrainingOptions.defaultProbeEpochs
  ) {
    self.epochs = epochs
    self.batchSize = batchSize
    self.seed = seed
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.learningRateDrops = learningRateDrops
    self.clipNorm = clipNorm
    self.teacherForcingRatio = teacherForcingRatio
    self.probeEpochs = probeEpochs
  }

  /// The learning rate of epoch `epoch` (1 is the first): that of the last drop at or
  /// before it, else ``learningRate``, else the optimizer's Keras default.
  public func learningRate(atEpoch epoch: Int) -> Float {
    (learningRateDrops ?? []).last { $0.epoch <= epoch }?.learningRate ?? learningRate ?? optimizer.defaultLearningRate
  }

  /// How the decoder is fed while training.
  public var feeding: DecoderFeeding {
    teacherForcingRatio >= 1 ? .teacherForcing : .scheduledSampling(groundTruthProbability: teacherForcingRatio)
  }

  /// Checks every option and says which one is out of range.
  public func validate() throws(TrainingError) {
    if let message = ModelLimits.problem(epochs, in: ModelLimits.epochs, naming: "epochs") {
      throw .invalidOption(message)
    }
    if let message = ModelLimits.problem(batchSize, in: ModelLimits.batchSize, naming: "the batch size") {
      throw .invalidOption(message)
    }
    if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
      throw .invalidOption("the learning rate must be a positive number, not \(learningRate)")
    }
    var previousEpoch = 0
    for drop in learningRateDrops ?? [] {
      guard drop.epoch > previousEpoch else {
        throw .invalidOption("learning-rate drops must start at epoch 1 or later, in increasing order")
      }
      guard drop.learningRate > 0 && drop.learningRate.isFinite else {
        throw .invalidOption("the learning rate from epoch \(drop.epoch) must be a positive number, not \(drop.learningRate)")
      }
      previousEpoch = drop.epoch
    }
    if let clipNorm, !(clipNorm > 0 && clipNorm.isFinite) {
      throw .invalidOption("the clip norm must be a positive number, not \(clipNorm)")
    }
    guard (0...1).contains(teacherForcingRatio) else {
      throw .invalidOption("the teacher-forcing ratio must be between 0 and 1, not \(teacherForcingRatio)")
    }
  }
}

/// From ``epoch`` on (1 is the first epoch), train at ``learningRate``.
///
/// ```
/// [LearningRateDrop(epoch: 61, learningRate: 0.0005)]   // epochs 1-60 at 0.001, then 0.0005
/// ```
public struct LearningRateDrop: Codable, Equatable, Sendable {
  /// The first epoch trained at this rate.
  public var epoch: Int
  /// The rate.
  public var learningRate: Float

  /// A drop to `learningRate` from `epoch` on.
  public init(epoch: Int, learningRate: Float) {
    self.epoch = epoch
    self.learningRate = learningRate
  }
}
