import Testing

@testable import Trace
@testable import TraceCore

@Suite("Keras initializers")
struct KerasInitializerTests {
  @Test("glorot_uniform stays within ±sqrt(6 / (fan in + fan out)) and uses the range")
  func glorotUniform() {
    var generator = SeededGenerator(seed: 5)
    let kernel = KerasInitializer.glorotUniform(rows: 12, columns: 300, generator: &generator)
    let limit = Float((6.0 / 312.0).squareRoot())
    #expect(kernel.values.allSatisfy { abs($0) <= limit })
    #expect(kernel.values.max()! > 0.9 * limit && kernel.values.min()! < -0.9 * limit, "the whole range is drawn")
  }

  @Test(
    "orthogonal recurrent kernels have orthonormal rows, as Keras's [U, 4U] kernels do", arguments: [(3, 12), (75, 300), (6, 4)])
  func orthogonal(rows: Int, columns: Int) {
    var generator = SeededGenerator(seed: 9)
    let matrix = KerasInitializer.orthogonal(rows: rows, columns: columns, generator: &generator)
    // The shorter side is orthonormal: W·Wᵀ = I for wide matrices, Wᵀ·W = I for tall ones.
    let gram = rows <= columns ? Matrix.product(matrix, matrix.transposed) : Matrix.product(matrix.transposed, matrix)
    for i in 0..<gram.rows {
      for j in 0..<gram.columns {
        #expect(abs(gram[i, j] - (i == j ? 1 : 0)) < 1e-4, "(\(i), \(j))")
      }
    }
  }

  @Test("a new LSTM has a zero bias except ones for the forget gate (unit_forget_bias)")
  func unitForgetBias() {
    var generator = SeededGenerator(seed: 1)
    let lstm = LSTM(inputSize: 4, units: 3, generator: &generator)
    #expect(lstm.bias == [0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0], "gate order input, forget, candidate, output")
    #expect(lstm.parameterCount == 4 * 3 * (4 + 3 + 1))
  }
}
