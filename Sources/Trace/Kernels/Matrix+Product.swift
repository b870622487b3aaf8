// Matrix products through OpenBLAS's cblas_sgemm: the only place the model calls BLAS.
//
// C = alpha * op(A) * op(B) + beta * C, with op() an optional transpose; row-major.

import COpenBLAS

extension Matrix {
  /// The matrix product `lhs · rhs`.
  ///
  /// Shapes: `[m, k] · [k, n] -> [m, n]`.
  public static func product(_ lhs: Matrix, _ rhs: Matrix) -> Matrix {
    var result = Matrix(rows: lhs.rows, columns: rhs.columns)
    multiply(lhs, rhs, into: &result, accumulate: false)
    return result
  }

  /// Writes (or adds) `op(lhs) · op(rhs)` into `result`.
  ///
  /// ```
  /// result = op(lhs) · op(rhs) + (accumulate ? result : 0)
  /// ```
  /// `op` transposes when the matching flag is set. `result` must already have the
  /// product's shape.
  public static func multiply(
    _ lhs: Matrix, _ rhs: Matrix, into result: inout Matrix,
    transposeLeft: Bool = false, transposeRight: Bool = false, accumulate: Bool
  ) {
    let m = transposeLeft ? lhs.columns : lhs.rows
    let k = transposeLeft ? lhs.rows : lhs.columns
    let kRight = transposeRight ? rhs.columns : rhs.rows
    let n = transposeRight ? rhs.rows : rhs.columns
    precondition(k == kRight, "inner dimensions differ: \(k) and \(kRight)")
    precondition(result.rows == m && result.columns == n, "result is not \(m)x\(n)")
    if m == 0 || n == 0 { return }
    if k == 0 {
      if !accumulate { for i in result.values.indices { result.values[i] = 0 } }
      return
    }
    lhs.values.withUnsafeBufferPointer { a in
      rhs.values.withUnsafeBufferPointer { b in
        result.values.withUnsafeMutableBufferPointer { c in
          cblas_sgemm(
            CblasRowMajor,
            transposeLeft ? CblasTrans : CblasNoTrans,
            transposeRight ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k),
            1, a.baseAddress, Int32(lhs.columns),
            b.baseAddress, Int32(rhs.columns),
            accumulate ? 1 : 0, c.baseAddress, Int32(n))
        }
      }
    }
  }
}
