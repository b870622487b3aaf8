/// One named tensor of a checkpoint: its shape and its float32 values in row-major order.
///
/// A kernel of shape `[inputDim, 4 * units]` holds `inputDim * 4 * units` values,
/// row after row. A shape of `[]` is a scalar holding one value.
public struct NamedTensor: Equatable, Sendable {
  /// The size of each dimension, outermost first.
  public var shape: [Int]
  /// The elements in row-major order; their count is the product of `shape`.
  public var values: [Float]

  /// A tensor with the given shape and values, row after row.
  ///
  /// Nothing is checked here: a tensor whose values do not fill its shape is refused
  /// when it is serialised (``SafeTensorsFile/serialized()``).
  public init(shape: [Int], values: [Float]) {
    self.shape = shape
    self.values = values
  }
}

extension NamedTensor {
  /// The number of elements a tensor of `shape` holds, or `nil` if a dimension is
  /// negative or the product overflows `Int`.
  package static func elementCount(shape: [Int]) -> Int? {
    var count = 1
    for dimension in shape {
      guard dimension >= 0 else { return nil }
      let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
      guard !overflow else { return nil }
      count = product
    }
    return count
  }

  /// The number of float32 bytes a tensor of `shape` holds, or `nil` on a negative
  /// dimension or an overflow.
  static func byteCount(shape: [Int]) -> Int? {
    guard let count = elementCount(shape: shape) else { return nil }
    let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
    return overflow ? nil : bytes
  }
}
