// Where text becomes HTML on a page; the escaping itself is Lessons' HTMLEscaping, the one
// implementation the lessons' prose and the pages share. Every token, input, vocabulary entry, model name and
// file name that reaches a page goes through `HTML.escape` (or Mustache's `{{ }}`, which
// escapes the same five characters).

/// Escaping and small builders for HTML made in Swift.
import Lessons
import Trace

public enum HTML {
  /// `text` with `& < > " '` replaced by entities, safe in element content and in quoted
  /// attribute values.
  ///
  /// ```
  /// HTML.escape("<b>&\"'")  // "&lt;b&gt;&amp;&quot;&#39;"
  /// ```
  public static func escape(_ text: String) -> String {
    HTMLEscaping.escape(text)
  }

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

  /// A text with every space shown as ␣ so that padding is visible; not yet escaped.
  ///
  /// ```
  /// HTML.displayText(" 2+10")  // "␣2+10"
  /// ```
  public static func displayText(_ text: String) -> String {
    String(text.map { $0 == " " ? "␣" : $0 == "\t" ? "⇥" : $0 == "\n" ? "↵" : $0 })
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

  /// An id fragment made only of `a-z 0-9 -`, for element ids built from names.
  ///
  /// ```
  /// HTML.slug("Dates & Times")  // "dates-times"
  /// ```
  public static func slug(_ text: String) -> String {
    var result = ""
    var pendingDash = false
    for scalar in text.lowercased().unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        if pendingDash && !result.isEmpty { result += "-" }
        pendingDash = false
        result.unicodeScalars.append(scalar)
      } else {
        pendingDash = true
      }
    }
    return result.isEmpty ? "x" : result
  }
}
