// Fisher–Yates shuffling with our own generator, written out rather than calling the
// standard library's shuffle(using:), whose algorithm is not promised to stay the same
// between Swift versions: the same seed must give the same order everywhere, always.
// Reference: Knuth, TAOCP vol. 2, algorithm 3.4.2P (Durstenfeld's in-place version).

extension SeededGenerator {
  /// Shuffles `elements` in place, uniformly, as fixed by the generator's state.
  ///
  /// ```
  /// for i from n-1 down to 1: j = uniform in 0...i; swap elements[i], elements[j]
  /// ```
  public mutating func shuffle<Element>(_ elements: inout [Element]) {
    guard elements.count > 1 else { return }
    for i in stride(from: elements.count - 1, to: 0, by: -1) {
      let j = index(below: i + 1)
      elements.swapAt(i, j)
    }
  }
}
