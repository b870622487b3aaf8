/// The characters a dataset's texts are made of: what a character-level model's
/// vocabularies must hold.
///
/// Each list is sorted (by Swift's `Character` order, which for these texts is Unicode
/// code-point order, the order Python's `sorted(set(text))` gives in the Keras
/// `lstm_seq2seq` example) and has no repeats. The start and end markers a decoder needs
/// are not characters of the data and are not included.
///
/// ```
/// Alphabet(source: " 2+10", target: "12").source  // [" ", "+", "0", "1", "2"]
/// ```
public struct Alphabet: Hashable, Sendable {
  /// The characters that may appear in sources, sorted, without repeats.
  public var source: [Character]
  /// The characters that may appear in targets, sorted, without repeats.
  public var target: [Character]

  /// The alphabet of exactly these characters, in any order and with any repeats.
  public init(source: some Sequence<Character>, target: some Sequence<Character>) {
    self.source = Alphabet.sortedWithoutRepeats(source)
    self.target = Alphabet.sortedWithoutRepeats(target)
  }

  /// The alphabet of every character the examples use.
  public init(of examples: some Sequence<Example>) {
    // Sets only gather the characters; sorting fixes the order.
    var sourceCharacters = Set<Character>()
    var targetCharacters = Set<Character>()
    for example in examples {
      sourceCharacters.formUnion(example.source)
      targetCharacters.formUnion(example.target)
    }
    self.init(source: sourceCharacters, target: targetCharacters)
  }

  /// The characters of sources and targets together, sorted, without repeats: one shared
  /// vocabulary, as Brownlee's addition tutorial uses.
  public var combined: [Character] {
    Alphabet.sortedWithoutRepeats(source + target)
  }
}

private extension Alphabet {
  static func sortedWithoutRepeats(_ characters: some Sequence<Character>)
    -> [Character]
  {
    var result: [Character] = []
    for character in characters.sorted() where result.last != character {
      result.append(character)
    }
    return result
  }
}
