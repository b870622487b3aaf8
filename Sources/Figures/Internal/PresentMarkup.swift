import Markup

/// The markup contract between pages and present.js (present mode), for narration,
/// presenter notes, quizzes and plain slides. Any page that follows it can be presented.
///
/// - A step's narration: `<p class="narration" data-panel="narration">` inside the step:
///   text that is safe to say before the outcome, then `<span class="narration-outcome">`
///   (held back on a predict slide).
/// - Presenter notes: an element with `data-notes` inside a figure, quiz or slide (its
///   `.notes-body` is shown in present mode's notes panel), or anywhere on the page with
///   `data-notes-for="ID"`.
/// - A quiz: `[data-quiz][data-answer=N]` (N counts from 0) holding choices marked
///   `data-choice` and an explanation marked `data-reveal`; present mode makes it a question
///   slide and an answer slide.
/// - A plain slide: `[data-slide]` with an id; a slide holding steppers or quizzes is
///   presented through them instead.
/// - A panel that `?focus=` can hide: `data-panel="NAME …"` (see ``panels``).
///
/// ```
/// PresentMarkup.quiz(id: "q1", question: "Which gate forgets?", choices: ["input", "forget"], answerIndex: 1,
///                    why: "It multiplies the old cell.")
/// // <section class="quiz" id="q1" data-quiz data-answer="1" aria-labelledby="q1-q">…
/// ```
public enum PresentMarkup {
  /// A part of a page that `?focus=` can keep or hide.
  public struct Panel: Equatable, Sendable {
    /// The name used in `data-panel` and in `?focus=`.
    public var name: String
    /// What it shows, in words.
    public var shows: String
  }

  /// The panel names that `?focus=` understands, each with what it shows.
  public static let panels: [Panel] = [
    Panel(name: "tokens", shows: "the overview of tokens read and written"),
    Panel(name: "gates", shows: "the input, forget and output gates (diagram values and heatmaps)"),
    Panel(name: "candidate", shows: "the candidate g"),
    Panel(name: "cell", shows: "the cell state (diagram values, heatmaps, its line of arithmetic)"),
    Panel(name: "hidden", shows: "the hidden state (diagram values, heatmaps, its line of arithmetic)"),
    Panel(name: "arithmetic", shows: "the worked arithmetic of one unit"),
    Panel(name: "table", shows: "the per-unit table"),
    Panel(name: "predictions", shows: "the decoder's top predictions"),
    Panel(name: "narration", shows: "the narration in words"),
    Panel(name: "bridge", shows: "the vectors the bridge hands over"),
    Panel(name: "heatmaps", shows: "the heatmap figures"),
    Panel(name: "comparison", shows: "teacher forcing beside free-running"),
    Panel(name: "bidirectional", shows: "the forward and backward view"),
    Panel(name: "architecture", shows: "the model's architecture"),
    Panel(name: "training", shows: "the training curves"),
    Panel(name: "embedding", shows: "the embedding vector a word-level step reads"),
    Panel(name: "bidirectional-decoder", shows: "what each half of a bidirectional decoder has read"),
  ]

  /// Presenter notes for a figure, quiz or slide: a closed "Notes for the teacher" box on
  /// the page, shown under the narration in present mode. `html` is trusted (already
  /// escaped), like a lesson's rendered `notes` block.
  ///
  /// ```
  /// PresentMarkup.notes("<p>Ask why.</p>")
  /// // <details class="presenter-notes" data-notes><summary>Notes for the teacher</summary><div class="notes-body"><p>Ask why.</p></div></details>
  /// ```
  public static func notes(_ html: HTML) -> HTML {
    "<details class=\"presenter-notes\" data-notes><summary>Notes for the teacher</summary><div class=\"notes-body\">\(html)</div></details>"
  }

  /// A quiz in the shape present mode turns into a question slide and an answer slide.
  /// Every text is plain and escaped here; `notes` is trusted HTML.
  public static func quiz(
    id: String, question: String, choices: [String], answerIndex: Int, why: String, notes: HTML? = nil
  ) -> HTML {
    var html: HTML =
      "<section class=\"quiz\" id=\"\(id)\" data-quiz data-answer=\"\(answerIndex)\" aria-labelledby=\"\(id)-q\">"
    html += "<p class=\"quiz-question\" id=\"\(id)-q\">\(question)</p><ol class=\"quiz-choices\">"
    html += choices.map { "<li data-choice>\($0)</li>" as HTML }.joined()
    html += "</ol><details class=\"quiz-reveal\" data-reveal><summary>Answer</summary>"
    if let answer = choices[safe: answerIndex] { html += "<p><strong>\(answer)</strong>. \(why)</p>" }
    html += "</details>"
    if let notes { html += Self.notes(notes) }
    return html + "</section>"
  }

  /// A step's narration: the setup sentences, then the outcome in its own span.
  ///
  /// ```
  /// <p class="narration" data-panel="narration">The decoder is fed ‘1’, … <span class="narration-outcome">The decoder predicts ‘9’ …</span></p>
  /// ```
  static func narration(_ narration: Narration) -> HTML {
    guard !narration.setup.isEmpty || !narration.outcome.isEmpty else { return "" }
    var html: HTML = "<p class=\"narration\" data-panel=\"narration\">\(narration.setup.joined(separator: " "))"
    if !narration.outcome.isEmpty {
      html += " <span class=\"narration-outcome\">\(narration.outcome.joined(separator: " "))</span>"
    }
    return html + "</p>"
  }
}
