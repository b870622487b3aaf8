// What a model was trained on, so that an input outside it is said to be outside it: a model
// asked about numbers it never saw still answers, and a learner should know that answer is a
// guess ("23 is outside 1–10, the numbers this model was trained on"). Portable, so the page
// says what `unrolled trace` says; the built-in models' domains are in Trace
// (BuiltInModel+TrainingDomain.swift), and the site hands them to the page as text.

/// The inputs a model was trained on, as far as a notice needs to know them.
public enum TrainingDomain: Equatable, Sendable {
  /// Sums `a+b` of two whole numbers in a range.
  case sums(ClosedRange<Int>)
  /// Texts whose four-digit numbers are years in a range.
  case years(ClosedRange<Int>)
  /// Texts of exactly this many characters.
  case length(Int)
  /// Exactly these sentences (learned by heart).
  case sentences([String])
  /// Nothing to say: any valid input is like the training data.
  case anything

  /// The notice for `input` to `model`, or `nil` when the input is like the training data.
  ///
  /// ```
  /// TrainingDomain.sums(1...10).notice(for: "23+1", model: "addition")
  /// // "23 is outside 1–10, the numbers the addition model was trained on"
  /// ```
  public func notice(for input: String, model: String) -> String? {
    switch self {
    case .sums(let range): return Self.sumNotice(input, range: range, model: model)
    case .years(let range):
      let outside = Self.numbers(in: input).filter { $0.digits == 4 && !range.contains($0.value) }.map { $0.value }
      guard !outside.isEmpty else { return nil }
      return
        "\(Self.listed(outside)) \(outside.count == 1 ? "is" : "are") outside \(range.lowerBound)–\(range.upperBound), the years the \(model) model was trained on"
    case .length(let length):
      guard input.count != length else { return nil }
      return "the \(model) model was trained on strings of exactly \(length) letters; this one has \(input.count)"
    case .sentences(let training):
      guard !training.contains(input) else { return nil }
      return
        "“\(input)” is not one of the \(training.count) sentences the \(model) model was trained on, and it learned those by heart"
    case .anything: return nil
    }
  }

  /// The domain as one text for a page (`sums 1 10`, `years 1950 2049`, `length 6`,
  /// `sentences` then one sentence a line, `anything`), read back by ``init(text:)``.
  public var text: String {
    switch self {
    case .sums(let range): return "sums \(range.lowerBound) \(range.upperBound)"
    case .years(let range): return "years \(range.lowerBound) \(range.upperBound)"
    case .length(let length): return "length \(length)"
    case .sentences(let training): return (["sentences"] + training).joined(separator: "\n")
    case .anything: return "anything"
    }
  }

  /// Reads ``text``; `nil` for anything else.
  public init?(text: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let first = lines.first else { return nil }
    if first == "sentences" {
      self = .sentences(lines.dropFirst().map { String($0) })
      return
    }
    let words = first.split(separator: " ")
    switch (words.first, words.count) {
    case ("anything", 1): self = .anything
    case ("length", 2):
      guard let length = Int(words[1]) else { return nil }
      self = .length(length)
    case ("sums", 3), ("years", 3):
      guard let low = Int(words[1]), let high = Int(words[2]), low <= high else { return nil }
      self = words[0] == "sums" ? .sums(low...high) : .years(low...high)
    default: return nil
    }
  }
}

extension TrainingDomain {
  fileprivate static func sumNotice(_ input: String, range: ClosedRange<Int>, model: String) -> String? {
    let domain = "\(range.lowerBound)–\(range.upperBound)"
    let pieces = input.drop { $0 == " " }.split(separator: "+", omittingEmptySubsequences: false)
    let operands = pieces.compactMap { Int($0) }
    guard pieces.count == 2, operands.count == 2 else {
      return "the \(model) model was trained on sums a+b of two numbers \(domain); this input is not one"
    }
    let outside = operands.filter { !range.contains($0) }
    guard !outside.isEmpty else { return nil }
    let verb = outside.count == 1 ? "is" : "are"
    return "\(listed(outside)) \(verb) outside \(domain), the numbers the \(model) model was trained on"
  }

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

  fileprivate static func listed(_ values: [Int]) -> String {
    let texts = values.map { String($0) }
    guard texts.count > 1 else { return texts.first ?? "" }
    return texts.dropLast().joined(separator: ", ") + " and " + texts[texts.count - 1]
  }
}
