/// The tokens a model reads or writes, each with a fixed index: the one-hot position or
/// the embedding row.
///
/// A character vocabulary splits text into characters; a word vocabulary splits on
/// spaces.
/// ```
/// Vocabulary(tokens: ["+", "1", "2"], unit: .character).ids(for: "1+2")  // [1, 0, 2]
/// ```
public struct Vocabulary: Equatable, Sendable {
  /// What one token of text is.
  public enum Unit: String, Sendable {
    case character, word
  }

  /// The tokens; a token's index is its id.
  public let tokens: [String]
  /// Whether tokens are characters or words.
  public let unit: Unit
  private let idsByToken: [String: Int]

  /// A vocabulary of distinct tokens.
  public init(tokens: [String], unit: Unit = .character) {
    self.tokens = tokens
    self.unit = unit
    var ids: [String: Int] = [:]
    for (id, token) in tokens.enumerated() {
      precondition(ids[token] == nil, "token \(token.debugDescription) appears twice")
      ids[token] = id
    }
    idsByToken = ids
  }

  /// A character vocabulary of every character in `characters`, sorted by code point.
  public init(characters: some Sequence<Character>) {
    self.init(
      tokens: Array(Set(characters.map(String.init))).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) })
  }

  /// The number of tokens.
  public var count: Int { tokens.count }

  /// The id of a token, or `nil` when the vocabulary does not have it.
  public func id(of token: String) -> Int? { idsByToken[token] }

  /// The tokens of a text: its characters, or its space-separated words.
  public func tokenize(_ text: String) -> [String] {
    switch unit {
    case .character: return text.map(String.init)
    case .word: return text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    }
  }

  /// The text of a list of tokens: joined directly, or with spaces for words.
  public func text(of tokens: [String]) -> String {
    tokens.joined(separator: unit == .word ? " " : "")
  }

  /// The ids of a text's tokens, or the tokens the vocabulary lacks, in order of first
  /// appearance.
  public func ids(for text: String) -> Result<[Int], UnknownTokens> {
    var ids: [Int] = []
    var unknown: [String] = []
    for token in tokenize(text) {
      if let id = idsByToken[token] { ids.append(id) } else if !unknown.contains(token) { unknown.append(token) }
    }
    return unknown.isEmpty ? .success(ids) : .failure(UnknownTokens(tokens: unknown))
  }

  /// Tokens a vocabulary does not have.
  public struct UnknownTokens: Error, Equatable {
    public var tokens: [String]
  }
}

#if !hasFeature(Embedded)
  extension Vocabulary: Codable {
    private enum CodingKeys: String, CodingKey { case tokens, unit }

    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      let tokens = try container.decode([String].self, forKey: .tokens)
      guard Set(tokens).count == tokens.count else {
        throw DecodingError.dataCorruptedError(forKey: .tokens, in: container, debugDescription: "a token appears twice")
      }
      self.init(tokens: tokens, unit: try container.decode(Unit.self, forKey: .unit))
    }

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(tokens, forKey: .tokens)
      try container.encode(unit, forKey: .unit)
    }
  }
  extension Vocabulary.Unit: Codable {}
#endif
