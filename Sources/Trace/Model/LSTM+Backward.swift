// Backpropagation through an LSTM, from the forward pass's own caches (LSTMStepCache):
// nothing is recomputed, so the gradient is the gradient of exactly what the forward did,
// Keras's masking included. References: Hochreiter and Schmidhuber 1997; Graves 2012
// ("Supervised Sequence Labelling with RNNs", ch. 4); Karpathy's min-char-rnn; llm.c's
// forward/backward pairs. Goals, in order: correct (checked against finite differences
// in GradientCheckTests), readable, fast (every weight product is one sgemm per step).
//
// Legend of the kernel loop: B = batch rows, U = units; dz = ∂L/∂z, the gradient of the
// pre-activations [B, 4U] in the forward's layout [input | forget | candidate | output].

extension LSTM {
  /// Backpropagates one step: accumulates the weight gradients into `gradients` and
  /// returns the gradients of the step's input and previous state.
  ///
  /// With `dh = hiddenGradient`, `dc = cellGradient` (both `[B, U]`, the gradient of the
  /// step's outputs `h` and `c` from everything after it):
  /// ```
  /// dc_total = dc + dh ⊙ o ⊙ act'(c)             act'(c) from tanh(c) in the cache
  /// dz_o = dh ⊙ tanh(c) ⊙ σ'(o)
  /// dz_i = dc_total ⊙ g ⊙ σ'(i)
  /// dz_f = dc_total ⊙ c_prev ⊙ σ'(f)
  /// dz_g = dc_total ⊙ i ⊙ act'(g)
  /// dW += xᵀ·dz    dU += h_prevᵀ·dz    db += Σ_rows dz
  /// dx = dz·Wᵀ     dh_prev = dz·Uᵀ     dc_prev = dc_total ⊙ f
  /// ```
  /// A row the mask marked as padding copied its state forward, so its `dh` and `dc`
  /// pass straight to the previous step, its `dz` is zero and it adds nothing to the
  /// weight gradients.
  public func stepBackward(
    cache: LSTMStepCache, hiddenGradient: Matrix, cellGradient: Matrix,
    into gradients: inout LSTMGradients
  ) -> LSTMStepInputGradients {
    let batch = cache.hidden.rows
    let u = units
    precondition(hiddenGradient.rows == batch && hiddenGradient.columns == u, "hidden gradient must be [B, U]")
    precondition(cellGradient.rows == batch && cellGradient.columns == u, "cell gradient must be [B, U]")

    var dz = Matrix(rows: batch, columns: 4 * u)
    var previousCellGradient = Matrix(rows: batch, columns: u)
    for r in 0..<batch {
      let zRow = r * 4 * u
      if let mask = cache.mask, !mask[r] {
        // Padding: c = c_prev and h = h_prev, so the gradients pass through untouched.
        for k in 0..<u { previousCellGradient.values[r * u + k] = cellGradient.values[r * u + k] }
        continue
      }
      for k in 0..<u {
        let at = r * u + k
        let i = cache.inputGate.values[at], f = cache.forgetGate.values[at]
        let g = cache.candidate.values[at], o = cache.outputGate.values[at]
        let squashed = cache.cellActivation.values[at]
        let dh = hiddenGradient.values[at]
        let dc = cellGradient.values[at] + dh * o * activation.derivative(fromOutput: squashed)
        dz.values[zRow + k] = dc * g * recurrentActivation.derivative(fromOutput: i)
        dz.values[zRow + u + k] = dc * cache.previousCell.values[at] * recurrentActivation.derivative(fromOutput: f)
        dz.values[zRow + 2 * u + k] = dc * i * activation.derivative(fromOutput: g)
        dz.values[zRow + 3 * u + k] = dh * squashed * recurrentActivation.derivative(fromOutput: o)
        previousCellGradient.values[at] = dc * f
      }
    }

    Matrix.multiply(cache.input, dz, into: &gradients.kernel, transposeLeft: true, accumulate: true)  // [I, B]·[B, 4U]
    Matrix.multiply(cache.previousHidden, dz, into: &gradients.recurrentKernel, transposeLeft: true, accumulate: true)  // [U, B]·[B, 4U]
    dz.addRows(into: &gradients.bias)

    var inputGradient = Matrix(rows: batch, columns: inputSize)
    Matrix.multiply(dz, kernel, into: &inputGradient, transposeRight: true, accumulate: false)  // [B, 4U]·[4U, I]
    var previousHiddenGradient = Matrix(rows: batch, columns: u)
    Matrix.multiply(dz, recurrentKernel, into: &previousHiddenGradient, transposeRight: true, accumulate: false)  // [B, 4U]·[4U, U]
    if let mask = cache.mask {
      for r in 0..<batch where !mask[r] {
        for k in 0..<u { previousHiddenGradient.values[r * u + k] = hiddenGradient.values[r * u + k] }
      }
    }
    return LSTMStepInputGradients(
      input: inputGradient, previousHidden: previousHiddenGradient, previousCell: previousCellGradient)
  }

  /// Backpropagation through time over a whole run, in reverse processing order (so
  /// first position first when the layer went backwards).
  ///
  /// - Parameters:
  ///   - run: the forward run, made by this layer.
  ///   - outputGradients: `∂L/∂h` of the output at each position in time order, `[B, U]`,
  ///     or `nil` when no position's output is used (only the final state).
  ///   - finalStateGradient: `∂L/∂(h_T, c_T)` of the final state (Keras `return_state`),
  ///     or `nil` for none.
  ///   - gradients: where the weight gradients are added.
  /// - Returns: the gradients of every input (time order) and of the initial state.
  /// ```
  /// dh_t = ∂L/∂h_t (own output) + dh_prev from step t+1;   dc_t = dc_prev from step t+1
  /// ```
  public func backward(
    run: LSTMSequenceRun, outputGradients: [Matrix]? = nil, finalStateGradient: LSTMState? = nil,
    into gradients: inout LSTMGradients
  ) -> LSTMSequenceInputGradients {
    let batch = run.initialState.hidden.rows
    var hiddenGradient = finalStateGradient?.hidden ?? Matrix(rows: batch, columns: units)
    var cellGradient = finalStateGradient?.cell ?? Matrix(rows: batch, columns: units)
    var inputGradients = [Matrix](repeating: Matrix(rows: 0, columns: 0), count: run.steps.count)
    for index in run.steps.indices.reversed() {
      let position = run.positions[index]
      if let outputGradients { hiddenGradient += outputGradients[position] }
      let back = stepBackward(
        cache: run.steps[index], hiddenGradient: hiddenGradient, cellGradient: cellGradient, into: &gradients)
      inputGradients[position] = back.input
      hiddenGradient = back.previousHidden
      cellGradient = back.previousCell
    }
    return LSTMSequenceInputGradients(
      inputs: inputGradients, initialState: LSTMState(hidden: hiddenGradient, cell: cellGradient))
  }
}
