/// The datasets unrolled makes or ships itself, nothing downloaded.
///
/// Each is made by `Dataset.builtIn(_:seed:)`; `docs/datasets.md` describes them in full.
public enum BuiltInTask: String, CaseIterable, Sendable {
  /// Sums of two integers `1...10`, exactly as in Jason Brownlee's tutorial "How to Learn to
  /// Add Numbers with seq2seq Recurrent Neural Networks": `" 2+10"` → `"12"`.
  ///
  /// 1,000 independent draws, the first 800 for training and the last 200 for validation.
  /// With only 100 possible pairs the two sets share pairs: validation measures recall.
  case addition
  /// Sums of two integers `0...999`: `"123+45"` → `"168"`, without padding.
  ///
  /// 50,000 training pairs and 5,000 validation pairs; no validation pair appears in
  /// training in either order, so validation measures whether the model learned to add.
  case addition3
  /// Dates written in 18 human ways, converted to ISO 8601:
  /// `"Sunday, 22 November 2026"` → `"2026-11-22"`.
  ///
  /// Dates from 1950 to 2049; 20,000 training and 2,000 validation examples, each date used
  /// once, so no validation date appears in training in any format.
  case dates
  /// Short everyday English sentences and their French translations, written for unrolled:
  /// `"Where is the station?"` → `"Où est la gare ?"`.
  ///
  /// Read from the bundled `phrasebook.tsv`; a seeded 10% is held out for validation.
  case phrasebook
  /// Random five-letter strings over `a...h`, each its own target: `"bdhae"` → `"bdhae"`
  /// (a sequence autoencoder, Srivastava et al. 2015).
  ///
  /// 5,000 different strings, the first 4,500 for training and the last 500 for validation,
  /// so no validation string appears in training.
  case autoencoder
  /// Short home-assistant commands and their replies, one word per token, made from a small
  /// grammar: `"turn on the kitchen light"` → `"the kitchen light is on"`.
  ///
  /// 280 (room, device) pairs, each written with every verb form the grammar allows; a
  /// seeded 28 pairs are held out whole for validation, so validation measures combinations never seen in
  /// training.
  case commands
  /// Noisy sums of two sines with seeded frequencies, amplitudes, phases and noise: read
  /// 24 values, forecast the next 8 (`"0.412,0.538,…"` → `"-0.120,…"`).
  ///
  /// 3,000 training and 300 validation series, each drawn independently.
  case sines

  /// The characters this task's sources and targets are made of, sorted: a model's
  /// vocabularies for the task.
  ///
  /// The data uses no other character, and at these sizes it uses every one listed (the
  /// tests check seeds 0 and 1).
  public var alphabet: Alphabet {
    switch self {
    case .addition:
      Alphabet(source: " +0123456789", target: " 0123456789")
    case .addition3:
      Alphabet(source: "+0123456789", target: "0123456789")
    case .dates:
      Alphabet(source: BuiltInTask.datesSourceCharacters, target: "-0123456789")
    case .phrasebook:
      Alphabet(
        source: BuiltInTask.phrasebookEnglishCharacters,
        target: BuiltInTask.phrasebookFrenchCharacters)
    case .autoencoder:
      Alphabet(source: Dataset.autoencoderLetters, target: Dataset.autoencoderLetters)
    case .commands:
      // The words' letters and the space between them.
      Alphabet(
        source: Dataset.commandsLexicon.source.joined(separator: " "),
        target: Dataset.commandsLexicon.target.joined(separator: " "))
    case .sines:
      // Numbers as text; a series model reads the values, not these characters.
      Alphabet(source: ",-.0123456789", target: ",-.0123456789")
    }
  }

  /// The words this task's sources and targets are made of, sorted, for a word-level
  /// task; `nil` for a character-level one.
  ///
  /// The data uses no other word, and every one listed (the tests check seeds 0 and 1).
  public var lexicon: Lexicon? {
    switch self {
    case .addition, .addition3, .dates, .phrasebook, .autoencoder, .sines: nil
    case .commands: Dataset.commandsLexicon
    }
  }
}

extension BuiltInTask {
  /// The independent random stream of `SeededGenerator` this task draws from, so a seed
  /// shared with weight initialisation does not also decide the data.
  var randomStream: UInt64 {
    switch self {
    case .addition: 1
    case .addition3: 2
    case .dates: 3
    case .phrasebook: Dataset.tabSeparatedRandomStream
    case .autoencoder: 5
    case .commands: 5
    case .sines: 5
    }
  }
}

private extension BuiltInTask {
  // Digits, separators, and the letters of English month and weekday names (capitalised,
  // lowercase and "NOV"-style uppercase), ordinal suffixes and "the ... of".
  static let datesSourceCharacters =
    " ,-./0123456789ABCDEFGJLMNOPRSTUVWYabcdefghijlmnoprstuvy"
  // The phrasebook file's characters; the tests fail if the file gains or loses one, so a
  // stray curly quote or non-breaking space cannot slip in unseen.
  static let phrasebookEnglishCharacters =
    " !',.?ABCDEFGHIJLMNOPRSTWYabcdefghijklmnopqrstuvwxyz"
  static let phrasebookFrenchCharacters =
    " !',-.?ABCDEFHIJLMNOPQRSTUVYabcdefghijklmnopqrstuvxyzÀÇÉÊàâçèéêîôùûœ"
}
