// The few matrix operations backpropagation adds: summing rows into a bias gradient,
// accumulating in place and splitting concatenated columns.

extension Matrix {
  /// Adds the sum of every row into `sums` (the gradient of a bias added to every row).
  ///
  /// ```
  /// sums[c] += Σ_r self[r, c]
  /// ```
  public func addRows(into sums: inout [Float]) {
    precondition(sums.count == columns, "one sum per column")
    for r in 0..<rows {
      for c in 0..<columns { sums[c] += values[r * columns + c] }
    }
  }

  /// Adds `scale · other` into this matrix (BLAS's axpy).
  public mutating func add(_ other: Matrix, scaledBy scale: Float) {
    precondition(rows == other.rows && columns == other.columns, "shapes differ")
    for i in values.indices { values[i] += scale * other.values[i] }
  }

  /// Whether every element is finite (no NaN, no infinity).
  public var isFinite: Bool { values.allSatisfy(\.isFinite) }
}
