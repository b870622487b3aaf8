// Backpropagation through a bidirectional LSTM: the merge's gradient is split between the
// two directions (MergeMode+Backward), then each direction runs its own BPTT over its own
// run, the backward layer from the first position to the last. The input gradients of
// both directions add up, since both read the same inputs. Goals: correct, readable, fast.

extension Bidirectional {
  /// Backpropagates a bidirectional run.
  ///
  /// - Parameters:
  ///   - run: the forward pass's run of this layer.
  ///   - mergedSequenceGradients: `∂L/∂(merged output)` per position in time order
  ///     (Keras `return_sequences=True`), or `nil`.
  ///   - mergedFinalGradient: `∂L/∂(merged final output)` (`return_sequences=False`), or `nil`.
  ///   - forwardFinalStateGradient: `∂L/∂` the forward layer's final `(h, c)` (a state
  ///     bridge's first half), or `nil`.
  ///   - backwardFinalStateGradient: the same for the backward layer (the second half).
  ///   - forwardGradients: where the forward layer's weight gradients are added.
  ///   - backwardGradients: where the backward layer's weight gradients are added.
  ///   - needsInputGradients: `false` when nothing uses `∂L/∂x` (one-hot inputs): it is not
  ///     computed and the result is empty.
  /// - Returns: `∂L/∂x` per position in time order (both directions summed).
  /// ```
  /// ∂x_t = ∂x_t(forward run) + ∂x_t(backward run)
  /// ```
  public func backward(
    run: BidirectionalRun, mergedSequenceGradients: [Matrix]? = nil, mergedFinalGradient: Matrix? = nil,
    forwardFinalStateGradient: LSTMState? = nil, backwardFinalStateGradient: LSTMState? = nil,
    forwardGradients: inout LSTMGradients, backwardGradients: inout LSTMGradients, needsInputGradients: Bool = true
  ) -> [Matrix] {
    let batch = run.forward.initialState.hidden.rows
    let zeros = LSTMState.zeros(batch: batch, units: units)
    var forwardFinal = forwardFinalStateGradient ?? zeros
    var backwardFinal = backwardFinalStateGradient ?? zeros
    if let mergedFinalGradient {
      let split = mergeMode.splitGradient(
        mergedFinalGradient, forward: run.forward.finalState.hidden, backward: run.backward.finalState.hidden)
      forwardFinal.hidden += split.forward
      backwardFinal.hidden += split.backward
    }
    var forwardOutputs: [Matrix]?
    var backwardOutputs: [Matrix]?
    if let mergedSequenceGradients {
      var forwardParts: [Matrix] = [], backwardParts: [Matrix] = []
      for (position, outputGradient) in mergedSequenceGradients.enumerated() {
        var gradient = outputGradient
        if let mask = run.forward.steps[position].mask {
          // A padded row's merged output is zeros (see mergedSequence): nothing flows back.
          for row in mask.indices where !mask[row] {
            gradient.setRow(row, to: [Float](repeating: 0, count: gradient.columns))
          }
        }
        let split = mergeMode.splitGradient(
          gradient, forward: run.forward.hidden(atPosition: position), backward: run.backward.hidden(atPosition: position))
        forwardParts.append(split.forward)
        backwardParts.append(split.backward)
      }
      forwardOutputs = forwardParts
      backwardOutputs = backwardParts
    }
    let forwardInputs = forward.backward(
      run: run.forward, outputGradients: forwardOutputs, finalStateGradient: forwardFinal, into: &forwardGradients,
      needsInputGradients: needsInputGradients, needsInitialStateGradient: false)
    let backwardInputs = backward.backward(
      run: run.backward, outputGradients: backwardOutputs, finalStateGradient: backwardFinal, into: &backwardGradients,
      needsInputGradients: needsInputGradients, needsInitialStateGradient: false)
    return zip(forwardInputs.inputs, backwardInputs.inputs).map { $0 + $1 }
  }
}
