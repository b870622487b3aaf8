import Foundation

/// What a training run did, epoch by epoch, with the probes' traces: saved as JSON beside
/// the checkpoint so the site can show how the model learned.
///
/// Deterministic: no dates or durations, so the same seed and data give the same file.
public struct TrainingHistory: Codable, Equatable, Sendable {
  /// The options the run used.
  public var options: TrainingOptions
  /// The number of training examples.
  public var trainingExampleCount: Int
  /// The number of validation examples.
  public var validationExampleCount: Int
  /// One entry per completed epoch, in order.
  public var epochs: [EpochMetrics]
  /// The probes' traces at the chosen epochs, in epoch order.
  public var probes: [ProbeSnapshot]
  /// Why the run ended.
  public var stop: TrainingStop

  /// The history as JSON with sorted keys, indented: the same history always gives the
  /// same bytes.
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    return try encoder.encode(self)
  }
}

/// The measurements at the end of one epoch.
///
/// Accuracies count tokens (characters, for a character model) of the prepared targets:
/// with the end token for a state bridge, with the padding for a fixed-width output.
public struct EpochMetrics: Codable, Equatable, Sendable {
  /// The epoch, from 1.
  public var epoch: Int
  /// The mean cross-entropy over the epoch's counted training pairs, each measured by the
  /// forward pass that computed its batch's update (so before that update).
  public var trainingLoss: Float
  /// The same on validation examples, teacher-forced (as Keras's `val_loss`).
  public var validation: ValidationMetrics?
}

/// How well a model does on held-out examples.
public struct ValidationMetrics: Codable, Equatable, Sendable {
  /// The mean cross-entropy over counted pairs, teacher-forced.
  public var loss: Float
  /// Fraction of target tokens predicted right when every step reads the true previous token.
  public var teacherForcedCharacterAccuracy: Float
  /// Fraction of target tokens predicted right at their position by greedy free-running
  /// decoding (a decode that stopped early misses the rest); `nil` for a model that cannot
  /// decode free-running (a bidirectional decoder).
  public var freeRunningCharacterAccuracy: Float?
  /// Fraction of examples whose free-running greedy decode is exactly the target; `nil`
  /// for a model that cannot decode free-running.
  public var exactMatch: Float?
  /// A series model's errors; then ``loss`` is the mean squared error and the three
  /// accuracies, which count tokens, are 0. `nil` for a token model.
  public var forecast: ForecastMetrics? = nil
}

/// How far a series model's forecasts are from the true values on held-out series, next
/// to a naive forecast that repeats each series' last input value.
///
/// ```
/// meanSquaredError     = mean (y - v)²       over every step, value and series
/// rootMeanSquaredError = √meanSquaredError
/// meanAbsoluteError    = mean |y - v|
/// ```
public struct ForecastMetrics: Codable, Equatable, Sendable {
  /// The model's mean squared error.
  public var meanSquaredError: Float
  /// Its square root, in the series' own units.
  public var rootMeanSquaredError: Float
  /// The model's mean absolute error.
  public var meanAbsoluteError: Float
  /// The root mean squared error of repeating the last input value.
  public var naiveRootMeanSquaredError: Float
  /// The mean absolute error of repeating the last input value.
  public var naiveMeanAbsoluteError: Float

  /// Metrics from their values.
  public init(
    meanSquaredError: Float, rootMeanSquaredError: Float, meanAbsoluteError: Float, naiveRootMeanSquaredError: Float,
    naiveMeanAbsoluteError: Float
  ) {
    self.meanSquaredError = meanSquaredError
    self.rootMeanSquaredError = rootMeanSquaredError
    self.meanAbsoluteError = meanAbsoluteError
    self.naiveRootMeanSquaredError = naiveRootMeanSquaredError
    self.naiveMeanAbsoluteError = naiveMeanAbsoluteError
  }
}

/// The probes' traces after one epoch.
public struct ProbeSnapshot: Codable, Equatable, Sendable {
  /// The epoch (0: before training).
  public var epoch: Int
  /// One trace per probe, in the probes' order.
  public var traces: [ModelTrace]
}

/// An input traced during training to show how its decoding changes, with its target.
public struct ProbeExample: Codable, Equatable, Sendable {
  /// The input text.
  public var input: String
  /// The expected output, or `nil`.
  public var target: String?

  /// A probe.
  public init(input: String, target: String?) {
    self.input = input
    self.target = target
  }
}

/// Why training ended.
public enum TrainingStop: Codable, Equatable, Sendable {
  /// Every epoch ran.
  case completed
  /// The cancellation flag was raised; the epoch had run `batches` batches.
  case cancelled(epoch: Int, batches: Int)
}
