/// Where training is, reported after every batch so a caller can draw a progress bar.
public struct TrainingProgress: Sendable, Equatable {
  /// The epoch, from 1.
  public var epoch: Int
  /// The number of epochs.
  public var epochCount: Int
  /// The batch just done, from 1.
  public var batch: Int
  /// Batches per epoch.
  public var batchCount: Int
  /// The batch's mean loss (before its update).
  public var batchLoss: Float
  /// The epoch's mean loss so far.
  public var epochLoss: Float
  /// Examples seen so far in this epoch.
  public var examplesSeen: Int
  /// The fraction of the epoch's counted pairs so far whose prediction was right, as each
  /// batch was fed in training (Keras's `accuracy` in `fit`'s progress bar); `nil` for a
  /// series model.
  public var epochAccuracy: Float? = nil
}
