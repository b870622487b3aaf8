/// A multiple-choice question: what a ```` ```quiz ```` block holds.
///
/// ````markdown
/// ```quiz
/// question: Which gate decides what the cell forgets?
/// choices: [input gate, forget gate, output gate]
/// answer: forget gate
/// why: The forget gate multiplies the previous cell state.
/// ```
/// ````
/// becomes `Quiz(question: "Which gate…", choices: ["input gate", "forget gate", "output gate"],
/// answerIndex: 1, why: "The forget gate…")`. All texts are plain; the Site escapes them.
public struct Quiz: Hashable, Sendable {
  /// The question.
  public var question: String
  /// The choices, in the order shown.
  public var choices: [String]
  /// The index (from 0) of the right choice.
  public var answerIndex: Int
  /// Why that answer is right, shown after answering.
  public var why: String
  /// Where the block's opening fence is.
  public var location: SourceLocation

  /// Creates a quiz.
  ///
  /// ```swift
  /// Quiz(question: "2 + 2?", choices: ["3", "4"], answerIndex: 1, why: "Count.",
  ///      location: SourceLocation(file: "a.md", line: 20, column: 1))
  /// ```
  public init(
    question: String, choices: [String], answerIndex: Int, why: String, location: SourceLocation
  ) {
    self.question = question
    self.choices = choices
    self.answerIndex = answerIndex
    self.why = why
    self.location = location
  }

  /// The right choice's text.
  ///
  /// ```swift
  /// Quiz(question: "2 + 2?", choices: ["3", "4"], answerIndex: 1, why: "", location: l).answer  // "4"
  /// ```
  public var answer: String { choices[answerIndex] }
}
