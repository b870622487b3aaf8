// Fisher–Yates shuffling written out here rather than `shuffled(using:)`, whose algorithm
// the standard library does not promise to keep: the same seed must give the same order
// in every Swift version. Training shuffles its batches with it, the datasets draw their
// held-out examples with it. Reference: Knuth, TAOCP vol. 2, algorithm 3.4.2P.

extension SeededGenerator {
  /// Puts the elements of `array` in a random order, every order equally likely.
  public mutating func shuffle<Element>(_ array: inout [Element]) {
    shuffle(&array, firstCount: array.count)
  }

  /// Moves a uniform random sample of `firstCount` elements, in random order, to the front
  /// of `array` (the first `firstCount` steps of a forward Fisher–Yates shuffle); the rest
  /// keep no useful order.
  ///
  /// Drawing `k` of `n` this way costs `k` steps, not `n`.
  package mutating func shuffle<Element>(_ array: inout [Element], firstCount: Int) {
    precondition(
      (0...array.count).contains(firstCount), "cannot draw \(firstCount) of \(array.count)")
    // The last element of a full shuffle has nowhere left to go: no draw for it.
    let steps = min(firstCount, max(array.count - 1, 0))
    for position in 0..<steps {
      let chosen = position + index(below: array.count - position)
      array.swapAt(position, chosen)
    }
  }
}
