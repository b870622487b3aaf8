/// A lookup table from token to vector (Keras `Embedding`), for word-level models.
///
/// Shapes: `table` `[V, D]` (vocabulary size, embedding size); `lookup` of B token ids
/// gives `[B, D]`.
public struct Embedding: Equatable, Sendable {
  /// Row `t` is the vector of token `t`.
  public var table: Matrix

  /// A table with the given rows.
  public init(table: Matrix) {
    self.table = table
  }

  /// A table initialised as Keras does: uniform in `[-0.05, 0.05)`.
  public init(vocabularySize: Int, dimension: Int, generator: inout SeededGenerator) {
    table = Matrix(
      rows: vocabularySize, columns: dimension,
      values: (0..<vocabularySize * dimension).map { _ in generator.uniform(-0.05, 0.05) })
  }

  /// The number of trainable parameters: `V·D`.
  public var parameterCount: Int { table.values.count }

  /// The vectors of a batch of tokens, one row each.
  public func lookup(_ tokens: [Int]) -> Matrix {
    var result = Matrix(rows: tokens.count, columns: table.columns)
    for (r, token) in tokens.enumerated() { result.setRow(r, to: table.row(token)) }
    return result
  }
}
