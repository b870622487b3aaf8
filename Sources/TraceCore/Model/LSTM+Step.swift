// One LSTM timestep, forward, as its equations, one matrix operation a line: the version the
// worked arithmetic on the site quotes, and the reference the fast step
// (Kernels/LSTM+StepKernel.swift, which the model runs) is pinned to, bit for bit, by tests.
// Reference: the Keras LSTM cell (keras/src/layers/rnn/lstm.py). Legend: B = batch rows,
// U = units, z = pre-activations [B, 4U] laid out as [input | forget | candidate | output].

extension LSTM {
  /// One timestep as its equations.
  ///
  /// ```
  /// z = x·W + h_prev·U + b                      [B, 4U]
  /// i, f, o = σ(z_i), σ(z_f), σ(z_o);  g = tanh(z_g)
  /// c = f ⊙ c_prev + i ⊙ g;  h = o ⊙ tanh(c)
  /// ```
  /// σ is the layer's `recurrentActivation` and tanh its `activation`. A row whose `mask`
  /// entry is `false` (padding) keeps its previous cell and hidden state, as Keras masks.
  ///
  /// - Parameters:
  ///   - input: `x`, `[B, I]`.
  ///   - state: the previous hidden and cell states, `[B, U]` each.
  ///   - mask: per row, `false` for padding.
  public func referenceStep(input x: Matrix, state: LSTMState, mask: [Bool]? = nil) -> LSTMStepCache {
    let u = units
    var z = Matrix.product(x, kernel) + Matrix.product(state.hidden, recurrentKernel)
    z.addToEveryRow(bias)
    let inputGate = recurrentActivation(z, columns: 0..<u)
    let forgetGate = recurrentActivation(z, columns: u..<2 * u)
    let candidate = activation(z, columns: 2 * u..<3 * u)
    let outputGate = recurrentActivation(z, columns: 3 * u..<4 * u)
    var cell = forgetGate * state.cell + inputGate * candidate
    let cellActivation = activation(cell)
    var hidden = outputGate * cellActivation
    if let mask {
      for row in 0..<x.rows where !mask[row] {
        cell.setRow(row, to: state.cell.row(row))
        hidden.setRow(row, to: state.hidden.row(row))
      }
    }
    return LSTMStepCache(
      input: x, previousHidden: state.hidden, previousCell: state.cell,
      gates: Matrix.concatenatingColumns([inputGate, forgetGate, candidate, outputGate]), cell: cell,
      cellActivation: cellActivation, hidden: hidden, mask: mask.flatMap { $0.allSatisfy { $0 } ? nil : $0 })
  }
}
