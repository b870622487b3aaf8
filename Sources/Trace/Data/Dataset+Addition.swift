// The two addition tasks.
//
// `addition` reproduces the data of Jason Brownlee's tutorial "Learn to Add Numbers with an
// Encoder-Decoder LSTM Recurrent Neural Network" (first titled "How to Learn to Add Numbers
// with seq2seq Recurrent Neural Networks", 2017): two terms `1...10`, drawn independently
// with repeats, the question right-justified with spaces to 5 characters and the sum to 2.
//
// `addition3` is the three-digit task of the Keras `addition_rnn` example (50,000 questions,
// `a+b` and `b+a` counted as one), with operands uniform in `0...999`, no padding, and a
// validation set of pairs that training never shows in either order.

extension Dataset {
  /// Brownlee's addition data: 1,000 independent questions `a+b` with `a`, `b` in `1...10`.
  ///
  /// ```
  /// source " 2+10"  target "12"
  /// source "  3+4"  target " 7"
  /// ```
  /// The first 800 draws are training, the last 200 validation.
  static func addition(seed: UInt64) -> Dataset {
    var generator = SeededGenerator.stream(BuiltInTask.addition.randomStream, of: seed)
    let examples = (0..<additionExampleCount).map { _ in
      let first = 1 + generator.index(below: 10)
      let second = 1 + generator.index(below: 10)
      return Example(
        source: rightJustified("\(first)+\(second)", width: 5),
        target: rightJustified("\(first + second)", width: 2))
    }
    // The draws are independent, so the last 200 are already a random 20%.
    let trainingCount = additionExampleCount - additionValidationCount
    return Dataset(
      name: BuiltInTask.addition.rawValue,
      training: Array(examples.prefix(trainingCount)),
      validation: Array(examples.dropFirst(trainingCount)))
  }

  /// Three-digit addition: `"123+45"` → `"168"`, operands in `0...999`, no padding.
  ///
  /// 55,000 different unordered pairs `{a, b}` are drawn without replacement from the
  /// 500,500 possible ones, each written in a random order (`a+b` or `b+a`); the first
  /// 50,000 are training and the last 5,000 validation. A validation pair therefore never
  /// appears in training, in either order.
  static func addition3(seed: UInt64) -> Dataset {
    var generator = SeededGenerator.stream(BuiltInTask.addition3.randomStream, of: seed)
    // Every unordered pair once, smaller operand first: 1000 × 1001 / 2 = 500,500 pairs.
    var pairs: [(smaller: Int32, larger: Int32)] = []
    pairs.reserveCapacity(500_500)
    for smaller in Int32(0)...999 {
      for larger in smaller...999 { pairs.append((smaller, larger)) }
    }
    let drawCount = addition3TrainingCount + addition3ValidationCount
    generator.shuffle(&pairs, firstCount: drawCount)
    let examples = pairs.prefix(drawCount).map { pair in
      let smallerFirst = generator.next() & 1 == 0
      let (first, second) = smallerFirst ? (pair.smaller, pair.larger) : (pair.larger, pair.smaller)
      return Example(source: "\(first)+\(second)", target: "\(first + second)")
    }
    return Dataset(
      name: BuiltInTask.addition3.rawValue,
      training: Array(examples.prefix(addition3TrainingCount)),
      validation: Array(examples.dropFirst(addition3TrainingCount)))
  }
}

extension Dataset {
  /// How many questions `addition` draws, as in Brownlee's tutorial.
  static let additionExampleCount = 1_000
  /// How many of them are held out for validation (20%).
  static let additionValidationCount = 200
  /// How many training questions `addition3` has, as in the Keras `addition_rnn` example.
  static let addition3TrainingCount = 50_000
  /// How many validation questions `addition3` has.
  static let addition3ValidationCount = 5_000
}

private extension Dataset {
  /// `text` with spaces added on the left up to `width` characters.
  static func rightJustified(_ text: String, width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }
}
