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
    learningRate: Float? = nil, clipNorm: Float? = nil, teacherForcingRatio: Double = 1,
    probeEpochs: [Int] = TrainingOptions.defaultProbeEpochs
  ) {
    self.epochs = epochs
    self.batchSize = batchSize
    self.seed = seed
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.clipNorm = clipNorm
    self.teacherForcingRatio = teacherForcingRatio
    self.probeEpochs = probeEpochs
  }

  /// How the decoder is fed while training.
  public var feeding: DecoderFeeding {
    teacherForcingRatio >= 1 ? .teacherForcing : .scheduledSampling(groundTruthProbability: teacherForcingRatio)
  }

  /// Checks every option and says which one is out of range.
  public func validate() throws(TrainingError) {
    guard epochs >= 0 else { throw .invalidOption("epochs must be 0 or more, not \(epochs)") }
    guard batchSize >= 1 else { throw .invalidOption("the batch size must be at least 1, not \(batchSize)") }
    if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
      throw .invalidOption("the learning rate must be a positive number, not \(learningRate)")
    }
    if let clipNorm, !(clipNorm > 0 && clipNorm.isFinite) {
      throw .invalidOption("the clip norm must be a positive number, not \(clipNorm)")
    }
    guard (0...1).contains(teacherForcingRatio) else {
      throw .invalidOption("the teacher-forcing ratio must be between 0 and 1, not \(teacherForcingRatio)")
    }
  }
}
