// Matrix products: through OpenBLAS's cblas_sgemm natively (the only place the model calls
// BLAS), and as a plain loop in order where there is no BLAS (the page's WebAssembly).
//
// C = alpha * op(A) * op(B) + beta * C, with op() an optional transpose; row-major.

#if canImport(COpenBLAS)
  import COpenBLAS
#endif

extension Matrix {
  /// The matrix product `lhs · rhs`.
  ///
  /// Shapes: `[m, k] · [k, n] -> [m, n]`.
  public static func product(_ lhs: Matrix, _ rhs: Matrix, arithmetic: Arithmetic = .platform) -> Matrix {
    var result = Matrix(rows: lhs.rows, columns: rhs.columns)
    multiply(lhs, rhs, into: &result, accumulate: false, arithmetic: arithmetic)
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
    transposeLeft: Bool = false, transposeRight: Bool = false, accumulate: Bool, arithmetic: Arithmetic = .platform
  ) {
    if arithmetic == .portable {
      multiplyInOrder(
        lhs, rhs, into: &result, transposeLeft: transposeLeft, transposeRight: transposeRight, accumulate: accumulate)
      return
    }
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
    #if canImport(COpenBLAS)
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
    #else
      multiplyInOrder(
        lhs, rhs, into: &result, transposeLeft: transposeLeft, transposeRight: transposeRight, accumulate: accumulate)
    #endif
  }

  /// Writes (or adds) `op(lhs) · op(rhs)` into `result` as a plain loop, the same arithmetic
  /// on every machine: each value's sum runs over the inner index in order from zero, then is
  /// added to `result` when accumulating. No fused multiply-add and no reordering, so the
  /// native build and the WebAssembly build give the same bits.
  ///
  /// ```
  /// sum = ((0 + a₀·b₀) + a₁·b₁) + …;  result = accumulate ? result + sum : sum
  /// ```
  public static func multiplyInOrder(
    _ lhs: Matrix, _ rhs: Matrix, into result: inout Matrix,
    transposeLeft: Bool = false, transposeRight: Bool = false, accumulate: Bool
  ) {
    let m = transposeLeft ? lhs.columns : lhs.rows
    let k = transposeLeft ? lhs.rows : lhs.columns
    let n = transposeRight ? rhs.rows : rhs.columns
    precondition(k == (transposeRight ? rhs.columns : rhs.rows), "inner dimensions differ")
    precondition(result.rows == m && result.columns == n, "result is not \(m)x\(n)")
    if m == 0 || n == 0 { return }
    // Row i of the product, built term by term over the inner index: every value of the row
    // adds its terms in the same order as the formula above.
    var sums = [Float](repeating: 0, count: n)
    lhs.values.withUnsafeBufferPointer { a in
      rhs.values.withUnsafeBufferPointer { b in
        result.values.withUnsafeMutableBufferPointer { c in
          sums.withUnsafeMutableBufferPointer { sums in
            for i in 0..<m {
              for j in 0..<n { sums[j] = 0 }
              for p in 0..<k {
                let left = transposeLeft ? a[p * lhs.columns + i] : a[i * lhs.columns + p]
                if transposeRight {
                  for j in 0..<n { sums[j] += left * b[j * rhs.columns + p] }
                } else {
                  let row = p * rhs.columns
                  for j in 0..<n { sums[j] += left * b[row + j] }
                }
              }
              let at = i * n
              if accumulate {
                for j in 0..<n { c[at + j] += sums[j] }
              } else {
                for j in 0..<n { c[at + j] = sums[j] }
              }
            }
          }
        }
      }
    }
  }
}
