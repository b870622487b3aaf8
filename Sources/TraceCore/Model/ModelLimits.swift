/// The largest model unrolled builds, reads or trains, and the longest training it runs
/// (docs/checkpoint-format.md, "Limits"; docs/cli.md for `train`).
///
/// Every size in a checkpoint's configuration and every size and count on the command line
/// is checked against these before anything is allocated or multiplied, so a hostile or
/// mistyped number (`"units": 4611686018427387904`, `--units 1000000`) is one clear line,
/// not an arithmetic trap, an allocation failure or hours of work. The limits are far above
/// the built-in models (at most 256 units, 60 tokens, 90 characters in a vocabulary).
///
/// ```swift
/// ModelLimits.problem(4096, in: ModelLimits.units, naming: "encoder units")
/// // "encoder units must be at most 2048, not 4096"
/// ModelLimits.problem(16, in: ModelLimits.units, naming: "encoder units")  // nil
/// ```
public enum ModelLimits {
  /// Units of one LSTM layer (of each direction of a bidirectional one).
  public static let units = 1...2048
  /// The size of an embedding's vectors.
  public static let embeddingSize = 1...2048
  /// The longest input a model reads and the most steps its decoder takes, in tokens.
  public static let sequenceLength = 1...1000
  /// Tokens in a vocabulary (values per step for a series model).
  public static let vocabularySize = 1...10_000
  /// Digits after the point when a series model writes a value.
  public static let decimals = 0...9
  /// Passes over the training data.
  public static let epochs = 0...100_000
  /// Examples in one mini-batch.
  public static let batchSize = 1...65_536

  /// What is wrong with `value` for `subject` when it is outside `range`, else nil.
  ///
  /// ```swift
  /// ModelLimits.problem(-1, in: ModelLimits.epochs, naming: "epochs")
  /// // "epochs must be 0 or more, not -1"
  /// ModelLimits.problem(0, in: ModelLimits.batchSize, naming: "the batch size")
  /// // "the batch size must be at least 1, not 0"
  /// ```
  public static func problem(_ value: Int, in range: ClosedRange<Int>, naming subject: String) -> String? {
    if value < range.lowerBound {
      let least = range.lowerBound == 0 ? "0 or more" : "at least \(range.lowerBound)"
      return "\(subject) must be \(least), not \(value)"
    }
    if value > range.upperBound { return "\(subject) must be at most \(range.upperBound), not \(value)" }
    return nil
  }
}
