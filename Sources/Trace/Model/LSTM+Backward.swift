// Backpropagation through an LSTM, from the forward pass's own caches (LSTMStepCache):
// nothing is recomputed, so the gradient is the gradient of exactly what the forward did,
// Keras's masking included. References: Hochreiter and Schmidhuber 1997; Graves 2012
// ("Supervised Sequence Labelling with RNNs", ch. 4); Karpathy's min-char-rnn; llm.c's
// forward/backward pairs. Goals, in order: correct (checked against finite differences
// in GradientCheckTests), readable, fast.
//
// Speed: a step's weight gradients xᵀ·dz and h_prevᵀ·dz are sums over the batch's rows,
// and a run's are sums over its steps too, so ``backward(run:outputGradients:finalStateGradient:into:)``
// first walks back through time computing each step's dz (``stepGradient``), then adds
// every step's weight gradients with one sgemm per weight over all T·B rows stacked
// (``accumulateWeightGradients``): one [I, T·B]·[T·B, 4U] product instead of T small
// ones, the way cuDNN batches them. The sums are the same; only their rounding differs.
// Within a step, the gate gradients of the equations are computed in one pass over eight
// units at a time (SIMD8 lanes: per value the same operations, in the same order), written
// straight into dz's four blocks.
//
// Legend: B = batch rows, U = units; dz = ∂L/∂z, the gradient of the pre-activations
// [B, 4U] in the forward's layout [input | forget | candidate | output], one [B, U] block
// per gate: dz_i, dz_f, dz_g, dz_o.

extension LSTM {
  /// Backpropagates one step: accumulates the weight gradients into `gradients` and
  /// returns the gradients of the step's input and previous state. The same as
  /// ``stepGradient(cache:hiddenGradient:cellGradient:)`` followed by
  /// ``accumulateWeightGradients(steps:preActivationGradients:into:)`` for this one step.
  public func stepBackward(
    cache: LSTMStepCache, hiddenGradient: Matrix, cellGradient: Matrix,
    into gradients: inout LSTMGradients
  ) -> LSTMStepInputGradients {
    let step = stepGradient(cache: cache, hiddenGradient: hiddenGradient, cellGradient: cellGradient)
    accumulateWeightGradients(steps: [cache], preActivationGradients: [step.preActivations], into: &gradients)
    return step.inputs
  }

  /// Backpropagates one step up to its pre-activations: returns `dz` and the gradients of
  /// the step's input and previous state, leaving the weight gradients to
  /// ``accumulateWeightGradients(steps:preActivationGradients:into:)``.
  ///
  /// With `dh = hiddenGradient`, `dc = cellGradient` (both `[B, U]`, the gradient of the
  /// step's outputs `h` and `c` from everything after it):
  /// ```
  /// dc_total = dc + dh ⊙ o ⊙ act'(c)             act'(c) from tanh(c) in the cache
  /// dz_o = dh ⊙ tanh(c) ⊙ σ'(o)
  /// dz_i = dc_total ⊙ g ⊙ σ'(i)
  /// dz_f = dc_total ⊙ c_prev ⊙ σ'(f)
  /// dz_g = dc_total ⊙ i ⊙ act'(g)
  /// dx = dz·Wᵀ     dh_prev = dz·Uᵀ     dc_prev = dc_total ⊙ f
  /// ```
  /// A row the mask marked as padding copied its state forward, so its `dh` and `dc`
  /// pass straight to the previous step, its `dz` is zero and it adds nothing to the
  /// weight gradients.
  ///
  /// - Parameters:
  ///   - needsInputGradient: `false` when nothing uses `dx` (the layer reads one-hot
  ///     vectors, not an embedding or another layer's output): `dx = dz·Wᵀ` is then not
  ///     computed and `inputs.input` is an empty `[0, 0]` matrix. Nothing else changes.
  ///   - needsPreviousHiddenGradient: `false` when nothing uses `dh_prev` (the first step
  ///     of a run that started from zeros, not from another layer's state): `dz·Uᵀ` is then
  ///     not computed and `inputs.previousHidden` is an empty `[0, 0]` matrix.
  public func stepGradient(
    cache: LSTMStepCache, hiddenGradient: Matrix, cellGradient: Matrix, needsInputGradient: Bool = true,
    needsPreviousHiddenGradient: Bool = true
  ) -> LSTMStepGradient {
    let batch = cache.hidden.rows
    let u = units
    precondition(hiddenGradient.rows == batch && hiddenGradient.columns == u, "hidden gradient must be [B, U]")
    precondition(cellGradient.rows == batch && cellGradient.columns == u, "cell gradient must be [B, U]")

    // The equations above, each product rounded in the order written there, eight units
    // at a time: SIMD8 lanes do the same IEEE operations as one value at a time, so the
    // bits are those of the equations. dz is written block by block in the forward's layout.
    var dz = Matrix(rows: batch, columns: 4 * u)
    var previousCellGradient = Matrix(rows: batch, columns: u)
    let activation = activation, recurrentActivation = recurrentActivation
    dz.values.withUnsafeMutableBufferPointer { dz in
      previousCellGradient.values.withUnsafeMutableBufferPointer { dcPrevious in
        withElements(
          of: [cellGradient, hiddenGradient, cache.gates, cache.cellActivation, cache.previousCell]
        ) { rows in
          let (dcRows, dhRows, gateRows, tanhCRows, cPreviousRows) = (rows[0], rows[1], rows[2], rows[3], rows[4])
          for r in 0..<batch {
            let row = r * u, gates = r * 4 * u
            guard cache.mask?[r] ?? true else {
              // Padding: c = c_prev and h = h_prev, so the gradients pass through untouched
              // and dz stays zero.
              for k in row..<row + u { dcPrevious[k] = dcRows[k] }
              continue
            }
            for k in stride(from: 0, to: u, by: 8) {
              let n = min(8, u - k), at = row + k
              let dh = Lanes.load(dhRows, at, n), dc = Lanes.load(dcRows, at, n)
              let i = Lanes.load(gateRows, gates + k, n), f = Lanes.load(gateRows, gates + u + k, n)
              let g = Lanes.load(gateRows, gates + 2 * u + k, n), o = Lanes.load(gateRows, gates + 3 * u + k, n)
              let tanhC = Lanes.load(tanhCRows, at, n)
              let cPrevious = Lanes.load(cPreviousRows, at, n)
              let dcTotal = dc + dh * o * activation.derivative(fromOutputs: tanhC)
              Lanes.store(dcTotal * g * recurrentActivation.derivative(fromOutputs: i), dz, gates + k, n)
              Lanes.store(dcTotal * cPrevious * recurrentActivation.derivative(fromOutputs: f), dz, gates + u + k, n)
              Lanes.store(dcTotal * i * activation.derivative(fromOutputs: g), dz, gates + 2 * u + k, n)
              Lanes.store(dh * tanhC * recurrentActivation.derivative(fromOutputs: o), dz, gates + 3 * u + k, n)
              Lanes.store(dcTotal * f, dcPrevious, at, n)
            }
          }
        }
      }
    }

    // [B, 4U]·[4U, I] and [B, 4U]·[4U, U]
    var inputGradient = Matrix(rows: 0, columns: 0)
    if needsInputGradient {
      inputGradient = Matrix(rows: batch, columns: inputSize)
      Matrix.multiply(dz, kernel, into: &inputGradient, transposeRight: true, accumulate: false)
    }
    var previousHiddenGradient = Matrix(rows: 0, columns: 0)
    if needsPreviousHiddenGradient {
      previousHiddenGradient = Matrix(rows: batch, columns: u)
      Matrix.multiply(dz, recurrentKernel, into: &previousHiddenGradient, transposeRight: true, accumulate: false)
    }
    if needsPreviousHiddenGradient, let mask = cache.mask {
      for r in 0..<batch where !mask[r] {
        for k in 0..<u { previousHiddenGradient.values[r * u + k] = hiddenGradient.values[r * u + k] }
      }
    }
    return LSTMStepGradient(
      preActivations: dz,
      inputs: LSTMStepInputGradients(
        input: inputGradient, previousHidden: previousHiddenGradient, previousCell: previousCellGradient))
  }

  /// Adds the weight gradients of `steps`, whose pre-activation gradients are
  /// `preActivationGradients` (one `[B, 4U]` each), to `gradients`, with one product per
  /// weight over all their rows stacked:
  /// ```
  /// X = [x_1; …; x_T]   H = [h_prev_1; …; h_prev_T]   DZ = [dz_1; …; dz_T]    [T·B, ·]
  /// dW += Xᵀ·DZ    dU += Hᵀ·DZ    db += Σ_rows DZ
  /// ```
  public func accumulateWeightGradients(
    steps: [LSTMStepCache], preActivationGradients: [Matrix], into gradients: inout LSTMGradients
  ) {
    precondition(steps.count == preActivationGradients.count, "one dz per step")
    guard !steps.isEmpty else { return }
    let dz = Matrix.stackingRows(preActivationGradients)
    // [I, T·B]·[T·B, 4U] and [U, T·B]·[T·B, 4U]
    Matrix.multiply(
      Matrix.stackingRows(steps.map(\.input)), dz, into: &gradients.kernel, transposeLeft: true, accumulate: true)
    Matrix.multiply(
      Matrix.stackingRows(steps.map(\.previousHidden)), dz, into: &gradients.recurrentKernel, transposeLeft: true,
      accumulate: true)
    dz.addRows(into: &gradients.bias)
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
  ///   - needsInputGradients: `false` when nothing uses the inputs' gradients (one-hot
  ///     inputs): they are not computed and the result's `inputs` is empty.
  ///   - needsInitialStateGradient: `false` when nothing uses the initial state's gradient
  ///     (the run started from zeros): the first step's `dz·Uᵀ` is not computed and the
  ///     result's `initialState` is `nil`.
  /// - Returns: the gradients of every input (time order) and of the initial state.
  /// ```
  /// dh_t = ∂L/∂h_t (own output) + dh_prev from step t+1;   dc_t = dc_prev from step t+1
  /// ```
  public func backward(
    run: LSTMSequenceRun, outputGradients: [Matrix]? = nil, finalStateGradient: LSTMState? = nil,
    into gradients: inout LSTMGradients, needsInputGradients: Bool = true, needsInitialStateGradient: Bool = true
  ) -> LSTMSequenceInputGradients {
    let batch = run.initialState.hidden.rows
    var hiddenGradient = finalStateGradient?.hidden ?? Matrix(rows: batch, columns: units)
    var cellGradient = finalStateGradient?.cell ?? Matrix(rows: batch, columns: units)
    var inputGradients = [Matrix](repeating: Matrix(rows: 0, columns: 0), count: run.steps.count)
    var preActivationGradients = [Matrix](repeating: Matrix(rows: 0, columns: 0), count: run.steps.count)
    for index in run.steps.indices.reversed() {
      let position = run.positions[index]
      if let outputGradients { hiddenGradient += outputGradients[position] }
      let back = stepGradient(
        cache: run.steps[index], hiddenGradient: hiddenGradient, cellGradient: cellGradient,
        needsInputGradient: needsInputGradients, needsPreviousHiddenGradient: index > 0 || needsInitialStateGradient)
      preActivationGradients[index] = back.preActivations
      inputGradients[position] = back.inputs.input
      hiddenGradient = back.inputs.previousHidden
      cellGradient = back.inputs.previousCell
    }
    accumulateWeightGradients(steps: run.steps, preActivationGradients: preActivationGradients, into: &gradients)
    return LSTMSequenceInputGradients(
      inputs: needsInputGradients ? inputGradients : [],
      initialState: needsInitialStateGradient ? LSTMState(hidden: hiddenGradient, cell: cellGradient) : nil)
  }
}
