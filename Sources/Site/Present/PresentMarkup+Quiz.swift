import Figures
import Lessons
import Markup

extension PresentMarkup {
  /// A lesson's ```` ```quiz ```` block in the same shape.
  ///
  /// ```
  /// PresentMarkup.quiz(quiz, id: "quiz-1")
  /// // <section class="quiz" id="quiz-1" data-quiz data-answer="1" …><p class="quiz-question" …>Which gate…
  /// ```
  public static func quiz(_ quiz: Quiz, id: String, notes: HTML? = nil) -> HTML {
    Self.quiz(
      id: id, question: quiz.question, choices: quiz.choices, answerIndex: quiz.answerIndex, why: quiz.why, notes: notes)
  }
}
