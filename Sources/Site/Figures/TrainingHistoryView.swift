import Figures
import Markup
import Trace

/// What the training figure draws: metrics per epoch and traces recorded at some epochs.
/// A small stand-in for the training history type, so that the figure does not depend on
/// how training stores it.
///
/// ```
/// TrainingHistoryView(metrics: [.init(epoch: 1, loss: 2.1, accuracy: 0.3)], snapshots: [])
/// ```
public struct TrainingHistoryView: Sendable {
  /// The metrics after one epoch.
  public struct EpochMetrics: Equatable, Sendable {
    /// The epoch, from 1.
    public var epoch: Int
    /// Mean training loss.
    public var loss: Float
    /// Training accuracy, 0…1, when measured.
    public var accuracy: Float?
    /// Validation loss, when measured.
    public var validationLoss: Float?
    /// Validation accuracy, 0…1, when measured.
    public var validationAccuracy: Float?

    /// Metrics for `epoch`.
    public init(epoch: Int, loss: Float, accuracy: Float? = nil, validationLoss: Float? = nil, validationAccuracy: Float? = nil) {
      self.epoch = epoch
      self.loss = loss
      self.accuracy = accuracy
      self.validationLoss = validationLoss
      self.validationAccuracy = validationAccuracy
    }
  }

  /// A trace of the model as it was after `epoch`.
  public struct Snapshot: Sendable {
    /// The epoch the weights come from.
    public var epoch: Int
    /// The trace of the lesson's input with those weights.
    public var trace: ModelTrace

    /// A snapshot after `epoch`.
    public init(epoch: Int, trace: ModelTrace) {
      self.epoch = epoch
      self.trace = trace
    }
  }

  /// Metrics in epoch order.
  public var metrics: [EpochMetrics]
  /// Snapshots in epoch order.
  public var snapshots: [Snapshot]

  /// A history view; both lists are sorted by epoch.
  public init(metrics: [EpochMetrics], snapshots: [Snapshot]) {
    self.metrics = metrics.sorted { $0.epoch < $1.epoch }
    self.snapshots = snapshots.sorted { $0.epoch < $1.epoch }
  }
}
