import Markup

extension Array {
  /// The element at `index`, or `nil` past either end: steps and units asked for by a
  /// lesson may not exist in a shorter trace or a smaller layer.
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
