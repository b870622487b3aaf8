// What each built-in model was trained on, so that an input outside it is said to be
// outside it: a model asked about numbers it never saw still answers, and a learner should
// know that answer is a guess ("23 is outside 1–10, the numbers this model was trained on").
// The rule is TraceCore's TrainingDomain, which the page runs too; here is what each
// built-in model was trained on.

extension BuiltInModel {
  /// What this model was trained on (its task's data), for ``outsideTrainingNotice(for:)``
  /// and for the page, which is handed it as ``TraceCore/TrainingDomain/text``.
  public var trainingDomain: TrainingDomain {
    switch task {
    case .addition: return .sums(1...10)
    case .addition3: return .sums(0...999)
    case .dates: return .years(1950...2049)
    case .autoencoder: return .length(Dataset.autoencoderLength)
    case .phrasebook: return .sentences(recipe().dataset.training.map { $0.source })
    case .commands, .sines: return .anything
    }
  }

  /// One sentence saying how `input` lies outside what this model was trained on, or `nil`
  /// when it lies inside (or the model's task declares no narrower domain than its vocabulary).
  ///
  /// ```
  /// BuiltInModel.addition.outsideTrainingNotice(for: "23+19")
  /// // "23 and 19 are outside 1–10, the numbers the addition model was trained on"
  /// BuiltInModel.addition.outsideTrainingNotice(for: " 7+5")   // nil
  /// ```
  ///
  /// The domains, from the tasks' data (docs/datasets.md): `addition` sums of two numbers
  /// 1–10; `addition3` of two numbers 0–999; `dates` years 1950–2049; the autoencoders
  /// strings of exactly five letters; `phrasebook` its own training sentences, which it
  /// learned by heart. `commands` and `sines` are bounded by their vocabularies and lengths
  /// alone, which `trace` already enforces.
  public func outsideTrainingNotice(for input: String) -> String? {
    trainingDomain.notice(for: input, model: rawValue)
  }
}
