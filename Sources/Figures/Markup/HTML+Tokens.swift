// Tokens and texts of a model as a learner reads them on a page.

import Markup
import TraceCore

extension HTML {
  /// A token as a learner should see it: the start and end tokens as ⟨start⟩ and ⟨end⟩,
  /// a space as ␣, other control characters by name; not yet escaped.
  ///
  /// ```
  /// HTML.displayToken("\t")  // "⟨start⟩"
  /// HTML.displayToken(" ")   // "␣"
  /// ```
  public static func displayToken(_ token: String, start: String? = "\t", end: String? = "\n") -> String {
    TokenDisplay.name(token, start: start, end: end)
  }

  /// A text as a model with `vocabulary` splits it: characters with every space shown as
  /// ␣ (``displayText(_:)``), or words as they are, since their spaces only separate them;
  /// not yet escaped.
  ///
  /// ```
  /// HTML.displayText("turn on the lamp", in: Vocabulary(tokens: ["lamp"], unit: .word))  // "turn on the lamp"
  /// ```
  public static func displayText(_ text: String, in vocabulary: Vocabulary) -> String {
    vocabulary.unit == .word ? text : displayText(text)
  }
}
