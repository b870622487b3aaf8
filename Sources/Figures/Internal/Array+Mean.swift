import Markup

extension [Float] {
  /// The mean of the values (0 when empty): what a cell diagram shows for a whole layer.
  var mean: Float { isEmpty ? 0 : reduce(0, +) / Float(count) }
}
