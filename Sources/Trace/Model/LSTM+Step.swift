// One LSTM timestep, forward. The legend of the kernel loop: B = batch rows, U = units,
// z = pre-activations [B, 4U] laid out as [input | forget | candidate | output].

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

    var inputGate = Matrix(rows: batch, columns: u)
    var forgetGate = inputGate, candidate = inputGate, outputGate = inputGate
    var cell = inputGate, cellActivation = inputGate, hidden = inputGate
    for r in 0..<batch {
      let zRow = r * 4 * u
      for k in 0..<u {
        let at = r * u + k
        let i = recurrentActivation(z.values[zRow + k])
        let f = recurrentActivation(z.values[zRow + u + k])
        let g = activation(z.values[zRow + 2 * u + k])
        let o = recurrentActivation(z.values[zRow + 3 * u + k])
        let c = f * state.cell.values[at] + i * g
        let squashed = activation(c)
        inputGate.values[at] = i
        forgetGate.values[at] = f
        candidate.values[at] = g
        outputGate.values[at] = o
        cell.values[at] = c
        cellActivation.values[at] = squashed
        hidden.values[at] = o * squashed
      }
    }
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
