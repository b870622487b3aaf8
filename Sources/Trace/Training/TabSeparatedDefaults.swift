// The settings `unrolled train --data FILE` uses where none is given, chosen by the number of
// pairs in the file. Measured on generated files of 300 and 2,000 pairs (docs/training.md):
// a small model with Adam learns small data better and several times faster than the Keras
// example's 256 units and RMSprop, which are sized for its 10,000 pairs.

/// The defaults for training on a tab-separated file of `pairCount` pairs.
///
/// - Units: 64 below 1,000 pairs, 128 below 10,000, 256 from 10,000 (the Keras example's
///   size for its 10,000 pairs of fra.txt).
/// - Epochs: about 1,200 batches of training in all, at least 50 and at most 300 epochs.
/// - Optimizer Adam, batches of 64, and 20% of the pairs held out for validation (the Keras
///   example's `validation_split=0.2`).
///
/// ```swift
/// TabSeparatedDefaults(pairCount: 300)    // 64 units, 300 epochs (4 batches an epoch)
/// TabSeparatedDefaults(pairCount: 2_000)  // 128 units, 50 epochs (25 batches an epoch)
/// ```
public struct TabSeparatedDefaults: Equatable, Sendable {
  /// The share of the pairs held out for validation.
  public static let validationFraction = 0.2
  /// Examples per batch.
  public static let batchSize = 64
  /// The optimizer.
  public static let optimizer = OptimizerKind.adam
  /// How many batches training aims at in all, before the epoch limits.
  public static let batchTarget = 1_200
  /// The fewest and the most epochs.
  public static let epochRange = 50...300

  /// Units of the encoder and the decoder.
  public var units: Int
  /// Passes over the training pairs.
  public var epochs: Int

  /// The defaults for a file of `pairCount` pairs (before the validation pairs are held out).
  public init(pairCount: Int) {
    units = pairCount < 1_000 ? 64 : pairCount < 10_000 ? 128 : 256
    let trainingPairs = max(1, pairCount - Int((Double(pairCount) * Self.validationFraction).rounded()))
    let batchesPerEpoch = (trainingPairs + Self.batchSize - 1) / Self.batchSize
    let epochs = (Self.batchTarget + batchesPerEpoch - 1) / batchesPerEpoch
    self.epochs = min(max(epochs, Self.epochRange.lowerBound), Self.epochRange.upperBound)
  }

  /// The rule in one line, for `--help`.
  public static let summary =
    "64 units below 1,000 pairs, 128 below 10,000, else 256; about 1,200 batches of 64 (50 to 300 epochs); Adam; 20% held out"
}
