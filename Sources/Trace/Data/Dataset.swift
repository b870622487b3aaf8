/// A named set of examples with a fixed split into training and validation examples.
///
/// The split is part of the dataset, made once from a seed, so every run that names the
/// same dataset and seed trains and validates on exactly the same examples.
public struct Dataset: Equatable, Sendable {
  /// A short name for reports and file names: the task (`"addition"`) or the file's base name.
  public var name: String
  /// The examples the model learns from.
  public var training: [Example]
  /// The examples held out to measure how well the model does on pairs it has not seen.
  public var validation: [Example]

  /// A dataset made of these examples, split as given.
  public init(name: String, training: [Example], validation: [Example]) {
    self.name = name
    self.training = training
    self.validation = validation
  }

  /// The characters used by every example, training and validation alike (the model's
  /// vocabularies must cover both).
  public var alphabet: Alphabet {
    Alphabet(of: training + validation)
  }
}

extension Dataset {
  /// Splits `examples` into training and validation sets by holding out a seeded random
  /// `validationFraction` of them; each set keeps the examples in their original order.
  ///
  /// The number held out is `validationFraction × count`, rounded to the nearest whole
  /// number, and never so many that training would be empty.
  static func split(
    _ examples: [Example], validationFraction: Double, generator: inout SeededGenerator
  ) -> (training: [Example], validation: [Example]) {
    let roundedCount = Int((Double(examples.count) * validationFraction).rounded())
    let validationCount = min(roundedCount, max(examples.count - 1, 0))
    var positions = Array(examples.indices)
    generator.shuffle(&positions, firstCount: validationCount)
    let heldOut = positions.prefix(validationCount).sorted()
    let training = positions.dropFirst(validationCount).sorted().map { examples[$0] }
    return (training, heldOut.map { examples[$0] })
  }
}
