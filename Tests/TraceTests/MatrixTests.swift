import Testing

@testable import Trace
@testable import TraceCore

@Suite("Matrix")
struct MatrixTests {
  @Test("multiplies through OpenBLAS like the schoolbook product")
  func productMatchesSchoolbook() {
    var generator = SeededGenerator(seed: 7)
    let a = Matrix(rows: 3, columns: 4, values: (0..<12).map { _ in generator.uniform(-1, 1) })
    let b = Matrix(rows: 4, columns: 5, values: (0..<20).map { _ in generator.uniform(-1, 1) })
    let product = Matrix.product(a, b)
    for i in 0..<3 {
      for j in 0..<5 {
        var sum: Float = 0
        for k in 0..<4 { sum += a[i, k] * b[k, j] }
        #expect(abs(product[i, j] - sum) < 1e-6, "element (\(i), \(j))")
      }
    }
  }

  @Test("transposed products equal products of transposes")
  func transposedProducts() {
    var generator = SeededGenerator(seed: 11)
    let a = Matrix(rows: 4, columns: 3, values: (0..<12).map { _ in generator.uniform(-1, 1) })
    let b = Matrix(rows: 5, columns: 4, values: (0..<20).map { _ in generator.uniform(-1, 1) })
    var viaFlags = Matrix(rows: 3, columns: 5)
    Matrix.multiply(a, b, into: &viaFlags, transposeLeft: true, transposeRight: true, accumulate: false)
    let explicit = Matrix.product(a.transposed, b.transposed)
    #expect(viaFlags.maxAbsoluteDifference(from: explicit) < 1e-6)
  }

  @Test("the same seed gives the same numbers")
  func seededGeneratorIsDeterministic() {
    var first = SeededGenerator(seed: 42)
    var second = SeededGenerator(seed: 42)
    #expect((0..<100).map { _ in first.next() } == (0..<100).map { _ in second.next() })
  }
}
