// One LSTM timestep, forward, written as its equations: one sgemm pair for the
// pre-activations, each gate's activation over its block of columns, then element-wise
// products (Matrix's operators, loops the compiler vectorises). Legend: B = batch rows,
// U = units, z = pre-activations [B, 4U] laid out as [input | forget | candidate | output].

extension LSTM {
  /// Runs one timestep and returns everything it computed.
  ///
  /// ```
  /// z = x·W + h_prev·U + b                      [B, 4U]
  /// i, f, o = σ(z_i), σ(z_f), σ(z_o);  g = tanh(z_g)
  /// c = f ⊙ c_prev + i ⊙ g;  h = o ⊙ tanh(c)
  /// ```
  /// - Parameters:
  ///   - input: `x`, `[B, I]`.
  ///   - state: the previous hidden and cell states, `[B, U]` each.
  ///   - mask: per row, `false` for padding: that row's state passes through unchanged.
  public func step(input: Matrix, state: LSTMState, mask: [Bool]? = nil) -> LSTMStepCache {
    let batch = input.rows
    let u = units
    precondition(input.columns == inputSize, "input has \(input.columns) features, the layer reads \(inputSize)")
    var z = Matrix(rows: batch, columns: 4 * u)
    Matrix.multiply(input, kernel, into: &z, accumulate: false)  // [B, I]·[I, 4U]
    Matrix.multiply(state.hidden, recurrentKernel, into: &z, accumulate: true)  // [B, U]·[U, 4U]
    z.addToEveryRow(bias)

    let inputGate = recurrentActivation(z, columns: 0..<u)
    let forgetGate = recurrentActivation(z, columns: u..<2 * u)
    let candidate = activation(z, columns: 2 * u..<3 * u)
    let outputGate = recurrentActivation(z, columns: 3 * u..<4 * u)
    var cell = forgetGate * state.cell + inputGate * candidate
    let cellActivation = activation(cell)
    var hidden = outputGate * cellActivation
    if let mask {
      // Keras masking: a padded row keeps its previous state.
      for r in 0..<batch where !mask[r] {
        for k in 0..<u {
          let at = r * u + k
          cell.values[at] = state.cell.values[at]
          hidden.values[at] = state.hidden.values[at]
        }
      }
    }
    return LSTMStepCache(
      input: input, previousHidden: state.hidden, previousCell: state.cell,
      inputGate: inputGate, forgetGate: forgetGate, candidate: candidate, outputGate: outputGate,
      cell: cell, cellActivation: cellActivation, hidden: hidden,
      mask: mask.flatMap { $0.allSatisfy { $0 } ? nil : $0 })
  }
}
