/// The words a word-level task's sources and targets are made of: what a word-level
/// model's vocabularies must hold.
///
/// Each list is sorted by code point and has no repeats; the start and end tokens a
/// decoder needs are not words of the data and are not included.
///
/// ```
/// Lexicon(of: [Example(source: "turn on the lamp", target: "the lamp is on")]).source
/// // ["lamp", "on", "the", "turn"]
/// ```
public struct Lexicon: Hashable, Sendable {
  /// The words that may appear in sources, sorted, without repeats.
  public var source: [String]
  /// The words that may appear in targets, sorted, without repeats.
  public var target: [String]

  /// The lexicon of exactly these words, in any order and with any repeats.
  public init(source: some Sequence<String>, target: some Sequence<String>) {
    self.source = Lexicon.sortedWithoutRepeats(source)
    self.target = Lexicon.sortedWithoutRepeats(target)
  }

  /// The lexicon of every space-separated word the examples use.
  public init(of examples: some Sequence<Example>) {
    let words = { (text: String) in text.split(separator: " ").map(String.init) }
    self.init(source: examples.flatMap { words($0.source) }, target: examples.flatMap { words($0.target) })
  }
}

private extension Lexicon {
  static func sortedWithoutRepeats(_ words: some Sequence<String>) -> [String] {
    // Code-point order, as Python's sorted() gives, whatever the locale.
    let sorted = words.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    var result: [String] = []
    for word in sorted where result.last != word { result.append(word) }
    return result
  }
}
