// Keras's weight initializers, reproduced in distribution (not bit for bit: the random
// streams differ) so a freshly built model starts as a Keras one would.
// References: Glorot and Bengio 2010; Saxe et al. 2014 (orthogonal); keras/src/initializers.

import Foundation

/// The initializers Keras's LSTM and Dense layers use by default.
public enum KerasInitializer {
  /// `glorot_uniform`: uniform in `[-L, L]` with `L = sqrt(6 / (fanIn + fanOut))`.
  public static func glorotUniform(rows: Int, columns: Int, generator: inout SeededGenerator) -> Matrix {
    let limit = Float((6.0 / Double(rows + columns)).squareRoot())
    return Matrix(rows: rows, columns: columns, values: (0..<rows * columns).map { _ in generator.uniform(-limit, limit) })
  }

  /// `orthogonal`: the Q of a QR decomposition of a normal matrix, signs fixed by R's
  /// diagonal, transposed when wider than tall (Keras's algorithm).
  public static func orthogonal(rows: Int, columns: Int, generator: inout SeededGenerator) -> Matrix {
    // Q has orthonormal columns: shape [tall, short].
    let tall = max(rows, columns), short = min(rows, columns)
    var q = (0..<short).map { _ in (0..<tall).map { _ in generator.normal() } }
    // Modified Gram–Schmidt, in Double; R's diagonal is the norm, always positive, which
    // matches Keras's q *= sign(diag(r)).
    for j in 0..<short {
      for k in 0..<j {
        var dot = 0.0
        for t in 0..<tall { dot += q[k][t] * q[j][t] }
        for t in 0..<tall { q[j][t] -= dot * q[k][t] }
      }
      let norm = q[j].reduce(0) { $0 + $1 * $1 }.squareRoot()
      for t in 0..<tall { q[j][t] /= norm }
    }
    var result = Matrix(rows: rows, columns: columns)
    for r in 0..<rows {
      for c in 0..<columns {
        // Column j of Q is q[j]; Keras transposes when rows < columns.
        result[r, c] = Float(rows < columns ? q[r][c] : q[c][r])
      }
    }
    return result
  }
}
