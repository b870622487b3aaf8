/// What the Lessons module needs to know about a model to check lessons that use it.
///
/// ```swift
/// LessonModelInfo(name: "reverse", inputAlphabet: Array("abc"), maxInputLength: 5,
///                 targetAlphabet: Array("abc"), units: 8)
/// ```
public struct LessonModelInfo: Hashable, Sendable {
  /// The name lessons use for the model.
  public var name: String
  /// The characters the encoder accepts.
  public var inputAlphabet: [Character]
  /// The longest input the encoder reads, in characters.
  public var maxInputLength: Int
  /// The characters the decoder can write.
  public var targetAlphabet: [Character]
  /// The number of LSTM units per layer, so unit numbers can be checked.
  public var units: Int
  /// The words the encoder accepts, for a word-level model (`nil` for a character-level
  /// one); ``maxInputLength`` then counts words, and ``inputAlphabet`` holds the words'
  /// characters and the space between them.
  public var inputWords: [String]?
  /// The words the decoder can write, for a word-level model (`nil` for a character-level one).
  public var targetWords: [String]?
  /// For a series model, how many numbers an input and a target hold (then the alphabets
  /// and ``maxInputLength`` are not checked); `nil` for a token model.
  public var seriesLengths: SeriesLengths? = nil

  /// How many numbers a series model reads and writes.
  public struct SeriesLengths: Hashable, Sendable {
    /// Numbers in an input.
    public var input: Int
    /// Numbers in a target.
    public var target: Int

    /// The lengths of a series model's input and target.
    public init(input: Int, target: Int) {
      self.input = input
      self.target = target
    }
  }

  /// Creates a description of a model.
  ///
  /// ```swift
  /// LessonModelInfo(name: "addition", inputAlphabet: Array(" 0123456789+"), maxInputLength: 7,
  ///                 targetAlphabet: Array(" 0123456789"), units: 16)
  /// ```
  public init(
    name: String, inputAlphabet: [Character], maxInputLength: Int, targetAlphabet: [Character],
    units: Int, inputWords: [String]? = nil, targetWords: [String]? = nil
  ) {
    self.name = name
    self.inputAlphabet = inputAlphabet
    self.maxInputLength = maxInputLength
    self.targetAlphabet = targetAlphabet
    self.units = units
    self.inputWords = inputWords
    self.targetWords = targetWords
  }
}
