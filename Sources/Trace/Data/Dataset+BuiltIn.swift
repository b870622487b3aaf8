import Foundation

extension Dataset {
  /// The dataset of a built-in task; the same task and seed always give the same examples
  /// and the same split.
  ///
  /// ```
  /// let dataset = Dataset.builtIn(.addition, seed: 1)
  /// dataset.training.count    // 800
  /// dataset.validation.count  // 200
  /// dataset.training[0]       // e.g. Example(source: " 2+10", target: "12")
  /// ```
  public static func builtIn(_ task: BuiltInTask, seed: UInt64) -> Dataset {
    switch task {
    case .addition: addition(seed: seed)
    case .addition3: addition3(seed: seed)
    case .dates: dates(seed: seed)
    case .phrasebook: phrasebook(seed: seed)
    case .autoencoder: autoencoder(seed: seed)
    case .commands: commands(seed: seed)
    case .sines: sines(seed: seed)
    }
  }
}

extension Dataset {
  /// The share of the phrasebook held out for validation.
  static let phrasebookValidationFraction = 0.1

  /// Where the phrasebook is in the Trace bundle.
  static var phrasebookFile: URL? {
    Bundle.module.url(
      forResource: "phrasebook", withExtension: "tsv", subdirectory: "Resources/Data")
  }

  /// The bundled English–French phrasebook with a seeded 10% held out: the same split
  /// `--data` gives the file with the same seed.
  static func phrasebook(seed: UInt64) -> Dataset {
    // The file ships inside the package and the tests read it: its absence or a malformed
    // line is a build mistake, not a user's.
    guard let file = phrasebookFile else {
      preconditionFailure("phrasebook.tsv is missing from the Trace bundle's Resources/Data")
    }
    do {
      return try tabSeparated(
        contentsOfFile: file.path, validationFraction: phrasebookValidationFraction, seed: seed)
    } catch {
      preconditionFailure("the bundled phrasebook cannot be read:\n\(error)")
    }
  }
}
