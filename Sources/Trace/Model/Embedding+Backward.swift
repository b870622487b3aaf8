// Backpropagation into an embedding table: a lookup copies rows, so its gradient adds
// each looked-up vector's gradient back into the row it came from ("scatter-add").
// A token read twice receives both gradients. Goals: correct, readable, fast.

extension Embedding {
  /// Adds the gradients of looked-up vectors into the table's gradient.
  ///
  /// Shapes: `vectorGradients` `[B, D]`, one row per entry of `tokens`; `tableGradient`
  /// `[V, D]`. A `nil` token (padding, nothing looked up) adds nothing.
  /// ```
  /// tableGradient[tokens[r]] += vectorGradients[r]     for every row r
  /// ```
  public static func accumulateGradient(
    tokens: [Int?], vectorGradients: Matrix, into tableGradient: inout Matrix
  ) {
    precondition(tokens.count == vectorGradients.rows, "one token per gradient row")
    precondition(vectorGradients.columns == tableGradient.columns, "the gradient rows must be embedding-sized")
    let width = tableGradient.columns
    for (row, token) in tokens.enumerated() {
      guard let token else { continue }
      for d in 0..<width { tableGradient.values[token * width + d] += vectorGradients.values[row * width + d] }
    }
  }
}
