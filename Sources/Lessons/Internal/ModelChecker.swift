import Trace

/// Checks model names, inputs, targets and unit numbers against the catalog, reporting each
/// problem in words a lesson author can act on.
struct ModelChecker {
  let catalog: any LessonModelCatalog
  let problems: ProblemList

  /// The model called `name`, or nil after reporting that it is unknown.
  func model(named name: String, at location: SourceLocation) -> LessonModelInfo? {
    if let model = catalog.model(named: name) { return model }
    let known = catalog.modelNames.sorted()
    problems.report(
      "unknown model \"\(name)\"; known models: \(known.isEmpty ? "none" : known.joined(separator: ", "))",
      at: location)
    return nil
  }

  func check(input: String, of model: LessonModelInfo, at location: SourceLocation) {
    if let words = model.inputWords {
      check(words: input, allowed: words, limit: model.maxInputLength, of: model, isTarget: false, at: location)
      return
    }
    if let lengths = model.seriesLengths {
      checkSeries(input, count: lengths.input, what: "input", of: model, at: location)
      return
    }
    let unknown = Self.unknownCharacters(in: input, alphabet: model.inputAlphabet)
    if !unknown.isEmpty {
      problems.report(
        "input \"\(input)\" has \(Self.describe(unknown)) that model \(model.name) does not know; "
          + "it reads only \"\(String(model.inputAlphabet))\"",
        at: location)
    }
    if input.count > model.maxInputLength {
      problems.report(
        "input \"\(input)\" is \(input.count) characters long; model \(model.name) reads at most \(model.maxInputLength)",
        at: location)
    }
  }

  func check(target: String, of model: LessonModelInfo, at location: SourceLocation) {
    if let words = model.targetWords {
      check(words: target, allowed: words, limit: nil, of: model, isTarget: true, at: location)
      return
    }
    if let lengths = model.seriesLengths {
      checkSeries(target, count: lengths.target, what: "target", of: model, at: location)
      return
    }
    let unknown = Self.unknownCharacters(in: target, alphabet: model.targetAlphabet)
    if !unknown.isEmpty {
      problems.report(
        "target \"\(target)\" has \(Self.describe(unknown)) that model \(model.name) cannot write; "
          + "it writes only \"\(String(model.targetAlphabet))\"",
        at: location)
    }
  }

  /// A word-level model's input or target: every word known, and no more words than it reads.
  private func check(
    words text: String, allowed: [String], limit: Int?, of model: LessonModelInfo, isTarget: Bool,
    at location: SourceLocation
  ) {
    let words = text.split(separator: " ").map(String.init)
    var unknown: [String] = []
    for word in words where !allowed.contains(word) && !unknown.contains(word) { unknown.append(word) }
    if !unknown.isEmpty {
      let quoted = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
      problems.report(
        "\(isTarget ? "target" : "input") \"\(text)\" has \(unknown.count == 1 ? "the word" : "the words") \(quoted) that model \(model.name) "
          + "\(isTarget ? "cannot write" : "does not know"); its words are: \(allowed.joined(separator: " "))",
        at: location)
    }
    if let limit, words.count > limit {
      problems.report(
        "input \"\(text)\" is \(words.count) words long; model \(model.name) reads at most \(limit)", at: location)
    }
  }

  /// A series model's input or target: comma-separated numbers, exactly `count` of them.
  func checkSeries(_ text: String, count: Int, what: String, of model: LessonModelInfo, at location: SourceLocation) {
    do {
      let values = try SeriesConfiguration.values(of: text)
      if values.count != count {
        problems.report(
          "\(what) has \(values.count) numbers; model \(model.name) \(what == "input" ? "reads" : "writes") exactly \(count), separated by commas",
          at: location)
      }
    } catch {
      problems.report("\(what) of model \(model.name): \(error)", at: location)
    }
  }

  func check(unit: Int, of model: LessonModelInfo, at location: SourceLocation) {
    if unit >= model.units { problems.report(Self.missingUnit(unit, of: model), at: location) }
  }

  /// Why `unit` is not one of `model`'s units.
  static func missingUnit(_ unit: Int, of model: LessonModelInfo) -> String {
    "unit \(unit) does not exist; model \(model.name) has \(model.units) units, numbered 0-\(model.units - 1)"
  }
}

extension ModelChecker {
  /// The characters of `text` outside `alphabet`, each once, in order of appearance.
  fileprivate static func unknownCharacters(in text: String, alphabet: [Character]) -> [Character] {
    var unknown: [Character] = []
    for character in text where !alphabet.contains(character) && !unknown.contains(character) {
      unknown.append(character)
    }
    return unknown
  }

  fileprivate static func describe(_ characters: [Character]) -> String {
    let quoted = characters.map { "\"\($0)\"" }.joined(separator: ", ")
    return characters.count == 1 ? "the character \(quoted)" : "the characters \(quoted)"
  }
}
