// Eight values at a time: the loads and stores of element-wise loops written with
// SIMD8<Float>, for loops the compiler would not vectorise by itself (more arrays than
// its aliasing checks allow). A SIMD8 lane does the same IEEE operation as the scalar
// expression, so such a loop gives the scalar loop's bits.

/// Loading and storing up to eight consecutive floats as one `SIMD8<Float>`.
package enum Lanes {
  /// `count` (1 to 8) values from `base + offset`, the unused lanes zero.
  @inline(__always)
  package static func load(_ base: UnsafePointer<Float>, _ offset: Int, _ count: Int) -> SIMD8<Float> {
    if count == 8 { return UnsafeRawPointer(base + offset).loadUnaligned(as: SIMD8<Float>.self) }
    var lanes = SIMD8<Float>()
    for lane in 0..<count { lanes[lane] = base[offset + lane] }
    return lanes
  }

  /// Writes the first `count` (1 to 8) lanes of `lanes` to `base + offset`.
  @inline(__always)
  package static func store(_ lanes: SIMD8<Float>, _ base: UnsafeMutableBufferPointer<Float>, _ offset: Int, _ count: Int) {
    precondition(offset >= 0 && offset + count <= base.count, "store outside the buffer")
    if count == 8 {
      UnsafeMutableRawPointer(base.baseAddress! + offset).storeBytes(of: lanes, as: SIMD8<Float>.self)
      return
    }
    for lane in 0..<count { base[offset + lane] = lanes[lane] }
  }
}

/// Calls `body` with the address of the first element of each matrix, in order, valid
/// for the call. Every matrix must have at least one element.
package func withElements<Result>(of matrices: [Matrix], _ body: ([UnsafePointer<Float>]) -> Result) -> Result {
  var addresses: [UnsafePointer<Float>] = []
  addresses.reserveCapacity(matrices.count)
  func next(_ index: Int) -> Result {
    guard index < matrices.count else { return body(addresses) }
    return matrices[index].values.withUnsafeBufferPointer { elements in
      addresses.append(elements.baseAddress!)
      return next(index + 1)
    }
  }
  return next(0)
}
