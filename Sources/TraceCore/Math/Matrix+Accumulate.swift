// The matrix operation backpropagation adds: summing rows into a bias gradient.

extension Matrix {
  /// Adds the sum of every row into `sums` (the gradient of a bias added to every row).
  ///
  /// ```
  /// sums[c] += Σ_r self[r, c]
  /// ```
  public func addRows(into sums: inout [Float]) {
    precondition(sums.count == columns, "one sum per column")
    if values.isEmpty { return }  // an empty buffer may have no address
    let rows = rows, columns = columns
    values.withUnsafeBufferPointer { values in
      sums.withUnsafeMutableBufferPointer { sums in
        for r in 0..<rows {
          // One row's address first, so the inner loop is a plain vectorisable sum.
          let row = values.baseAddress! + r * columns
          for c in 0..<columns { sums[c] += row[c] }
        }
      }
    }
  }
}
