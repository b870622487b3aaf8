// What each built-in model was trained on, so that an input outside it is said to be
// outside it: a model asked about numbers it never saw still answers, and a learner should
// know that answer is a guess ("23 is outside 1–10, the numbers this model was trained on").

extension BuiltInModel {
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
    switch task {
    case .addition: return Self.sumNotice(input, range: 1...10, model: rawValue)
    case .addition3: return Self.sumNotice(input, range: 0...999, model: rawValue)
    case .dates:
      let outside = Self.numbers(in: input).filter { $0.digits == 4 && !(1950...2049).contains($0.value) }.map(\.value)
      guard !outside.isEmpty else { return nil }
      return
        "\(Self.listed(outside)) \(outside.count == 1 ? "is" : "are") outside 1950–2049, the years the \(rawValue) model was trained on"
    case .autoencoder:
      let length = input.count
      guard length != Dataset.autoencoderLength else { return nil }
      return
        "the \(rawValue) model was trained on strings of exactly \(Dataset.autoencoderLength) letters; this one has \(length)"
    case .phrasebook:
      let training = recipe().dataset.training.map(\.source)
      guard !training.contains(input) else { return nil }
      return
        "“\(input)” is not one of the \(training.count) sentences the \(rawValue) model was trained on, and it learned those by heart"
    case .commands, .sines:
      return nil
    }
  }
}

extension BuiltInModel {
  /// A sum `a+b` whose operands must lie in `range`.
  fileprivate static func sumNotice(_ input: String, range: ClosedRange<Int>, model: String) -> String? {
    let domain = "\(range.lowerBound)–\(range.upperBound)"
    let pieces = input.trimmingPrefixSpaces.split(separator: "+", omittingEmptySubsequences: false)
    let operands = pieces.compactMap { Int($0) }
    guard pieces.count == 2, operands.count == 2 else {
      return "the \(model) model was trained on sums a+b of two numbers \(domain); this input is not one"
    }
    let outside = operands.filter { !range.contains($0) }
    guard !outside.isEmpty else { return nil }
    let verb = outside.count == 1 ? "is" : "are"
    return "\(listed(outside)) \(verb) outside \(domain), the numbers the \(model) model was trained on"
  }

  /// The runs of digits in `text`, with how many digits each has.
  fileprivate static func numbers(in text: String) -> [(value: Int, digits: Int)] {
    var found: [(value: Int, digits: Int)] = []
    var run = ""
    for character in text + " " {
      if character.isASCII && character.isNumber {
        run.append(character)
      } else if !run.isEmpty {
        if let value = Int(run) { found.append((value, run.count)) }
        run = ""
      }
    }
    return found
  }

  /// "23", "23 and 19", "2, 3 and 4".
  fileprivate static func listed(_ values: [Int]) -> String {
    let texts = values.map(String.init)
    guard texts.count > 1 else { return texts.first ?? "" }
    return texts.dropLast().joined(separator: ", ") + " and " + texts[texts.count - 1]
  }
}

extension String {
  /// The text without its leading spaces (the padding a right-justified sum carries).
  fileprivate var trimmingPrefixSpaces: Substring { drop { $0 == " " } }
}
