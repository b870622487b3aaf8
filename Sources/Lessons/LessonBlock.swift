/// One piece of a lesson, in reading order.
///
/// Prose between special blocks is rendered per run, so figures, quizzes and equations keep
/// their place:
///
/// ````markdown
/// The encoder reads.          ->  .prose(html: "<p>The encoder reads.</p>\n")
/// ```math
/// h_t = o_t \odot \tanh(c_t)  ->  .math(mathML: "<math display=\"block\">…</math>", source: "h_t = …")
/// ```
/// ````
public enum LessonBlock: Hashable, Sendable {
  /// Markdown rendered to HTML: paragraphs, lists, headings (with ids), ordinary code.
  /// Facts are `<span class="fact" data-fact-id="N"></span>` placeholders.
  case prose(html: String)
  /// A figure drawn from a trace.
  case trace(TraceFigure)
  /// A multiple-choice question.
  case quiz(Quiz)
  /// Presenter notes, rendered to HTML like prose.
  case notes(html: String)
  /// An equation as MathML, with the TeX it came from.
  case math(mathML: String, source: String)
}
