import Yams

extension Quiz {
  static let keys = ["question", "choices", "answer", "why"]

  /// Reads the YAML body of a ```` ```quiz ```` block. The answer is a choice's text or, when
  /// it is a plain number that is not itself a choice, the choice's index from 0.
  static func read(yaml: String, map: SourceMap, location: SourceLocation, problems: ProblemList)
    -> Quiz?
  {
    let fields = YAMLFields(
      yaml, map: map, what: "the `quiz` block", allowedKeys: keys, missingLocation: location,
      problems: problems)
    let question = fields.string("question", required: "what the reader is asked")
    let choices = fields.strings("choices", required: "a list of at least 2 possible answers")?.map(
      \.text)
    let answer = fields.node("answer", required: "the right choice: its text, or its number from 0")
    let why = fields.string("why", required: "why the answer is right, shown after answering")

    if let choices, choices.count < 2 {
      problems.report(
        "a quiz needs at least 2 choices; this one has \(choices.count)",
        at: fields.valueLocation("choices"))
      return nil
    }
    guard let choices, let answer else { return nil }
    var answerIndex: Int?
    if let text = answer.scalar?.string {
      answerIndex = choices.firstIndex(of: text)
      if answerIndex == nil, answer.scalar?.style == .plain, let index = answer.int {
        guard choices.indices.contains(index) else {
          problems.report(
            "answer \(index) is not a choice; number the \(choices.count) choices from 0 to \(choices.count - 1)",
            at: fields.valueLocation("answer"))
          return nil
        }
        answerIndex = index
      }
    }
    guard let answerIndex else {
      problems.report(
        "answer `\(answer.string ?? "?")` is not one of the choices: \(choices.map { "`\($0)`" }.joined(separator: ", "))",
        at: fields.valueLocation("answer"))
      return nil
    }
    guard let question, let why else { return nil }
    return Quiz(
      question: question, choices: choices, answerIndex: answerIndex, why: why, location: location)
  }
}
