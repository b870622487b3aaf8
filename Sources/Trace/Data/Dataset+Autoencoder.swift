// The autoencoder task: a model that must write back exactly what it read, the sequence
// autoencoder of Srivastava, Mansimov and Salakhutdinov 2015 ("Unsupervised Learning of
// Video Representations using LSTMs") on characters instead of video frames. The strings
// are random, so nothing but the encoding can tell the decoder what to write.

extension Dataset {
  /// Random five-letter strings over `a...h`, each its own target: `"bdhae"` → `"bdhae"`.
  ///
  /// ```
  /// source "bdhae"  target "bdhae"
  /// source "gacfb"  target "gacfb"
  /// ```
  /// 5,000 different strings are drawn without replacement from the 8⁵ = 32,768 possible
  /// ones; the first 4,500 are training and the last 500 validation, so no validation
  /// string appears in training.
  static func autoencoder(seed: UInt64) -> Dataset {
    var generator = SeededGenerator.stream(BuiltInTask.autoencoder.randomStream, of: seed)
    let letters = Array(autoencoderLetters)
    let length = autoencoderLength
    let possible = (0..<length).reduce(1) { product, _ in product * letters.count }
    var codes = Array(0..<Int32(possible))
    let drawCount = autoencoderTrainingCount + autoencoderValidationCount
    generator.shuffle(&codes, firstCount: drawCount)
    let examples = codes.prefix(drawCount).map { code in
      // The code's base-8 digits, most significant first, are the letters.
      var rest = Int(code)
      var characters: [Character] = []
      for _ in 0..<length {
        characters.insert(letters[rest % letters.count], at: 0)
        rest /= letters.count
      }
      let text = String(characters)
      return Example(source: text, target: text)
    }
    return Dataset(
      name: BuiltInTask.autoencoder.rawValue,
      training: Array(examples.prefix(autoencoderTrainingCount)),
      validation: Array(examples.dropFirst(autoencoderTrainingCount)))
  }
}

extension Dataset {
  /// The letters of the autoencoder's strings.
  static let autoencoderLetters = "abcdefgh"
  /// How many letters each autoencoder string has.
  static let autoencoderLength = 5
  /// How many strings `autoencoder` trains on.
  static let autoencoderTrainingCount = 4_500
  /// How many strings it holds out for validation.
  static let autoencoderValidationCount = 500
}
