import Trace

/// Checks model names, inputs, targets and unit numbers against the catalog, reporting each
/// problem in words a lesson author can act on.
struct ModelChecker {
  let catalog: any LessonModelCatalog
  let problems: ProblemList

  /// The model called `name`, or nil after reporting that it is unknown.
  func model(named name: String, at location: SourceLocation) -> LessonModelInfo? {
    if let model = catalog.model(named: name) { return model }
    if let problem = catalog.problem(loading: name) {
      problems.report(problem, at: location)
      return nil
    }
    let known = catalog.modelNames.sorted()
    problems.report(
      "unknown model \"\(name)\"; known models: \(known.isEmpty ? "none" : known.joined(separator: ", "))",
      at: location)
    return nil
  }

  func check(input: String, of model: LessonModelInfo, at location: SourceLocation) {
    check(input, isTarget: false, of: model, at: location)
  }

  func check(target: String, of model: LessonModelInfo, at location: SourceLocation) {
    check(target, isTarget: true, of: model, at: location)
  }

  /// An input or target: every token known (by the model's own rule,
  /// ``Seq2SeqConfiguration/tokens(of:isTarget:)``) and no more tokens than it reads or
  /// writes; a series model's, exactly as many numbers as it reads or writes.
  private func check(_ text: String, isTarget: Bool, of model: LessonModelInfo, at location: SourceLocation) {
    let config = model.configuration
    let what = isTarget ? "target" : "input"
    if config.series != nil {
      let needed = (isTarget ? config.maxOutputLength : config.maxInputLength) * config.valuesPerStep
      do {
        let values = try SeriesConfiguration.values(of: text)
        if values.count != needed {
          problems.report(
            "\(what) has \(values.count) numbers; model \(model.name) \(isTarget ? "writes" : "reads") exactly \(needed), separated by commas",
            at: location)
        }
      } catch {
        problems.report("\(what) of model \(model.name): \(error)", at: location)
      }
      return
    }
    let vocabulary = isTarget ? config.outputVocabulary : config.inputVocabulary
    let allowed = config.allowedTokens(isTarget: isTarget)
    let (tokens, refused) = config.tokens(of: text, isTarget: isTarget)
    let words = vocabulary.unit == .word
    if !refused.isEmpty {
      let quoted = refused.map { "\"\($0)\"" }.joined(separator: ", ")
      let noun =
        words ? (refused.count == 1 ? "the word" : "the words") : (refused.count == 1 ? "the character" : "the characters")
      let known =
        words
        ? "its words are: \(allowed.joined(separator: " "))" : "it \(isTarget ? "writes" : "reads") only \"\(allowed.joined())\""
      problems.report(
        "\(what) \"\(text)\" has \(noun) \(quoted) that model \(model.name) \(isTarget ? "cannot write" : "does not know"); \(known)",
        at: location)
    }
    let limit = isTarget ? config.targetTokenLimit : config.maxInputLength
    if tokens.count > limit {
      problems.report(
        "\(what) \"\(text)\" is \(tokens.count) \(words ? "words" : "characters") long; model \(model.name) \(isTarget ? "writes" : "reads") at most \(limit)",
        at: location)
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
