// Backpropagation through a model whose decoder is bidirectional, from the caches of one
// teacher-forced pass (Seq2SeqForward.decoderRuns): the softmax at every position, the
// split of each merged gradient between the decoder's halves, BPTT through each half (the
// backward half from the first position to the last), then the encoder's two directions
// from the gradients of the decoder halves' initial states.
// References: Schuster and Paliwal 1997 (bidirectional RNNs); Werbos 1990 (BPTT).
// Goals, in order: correct (GradientCheckTests), readable, fast.

extension Seq2SeqModel {
  /// The gradient of `pass.meanLoss` for a bidirectional decoder.
  ///
  /// ```
  /// da_t = (p_t - onehot(y_t)) / N;   d[h→_t | h←_t] = da_t·W_outᵀ
  /// decoder halves: BPTT of each half with its own output gradients -> ∂(h₀, c₀) of each half
  /// encoder: ∂ final (h, c) forward = ∂(h₀, c₀) of the forward half; backward likewise
  /// ```
  func bidirectionalDecoderBackward(_ pass: Seq2SeqForward, runs: BidirectionalRun) -> Seq2SeqGradients {
    var gradients = Seq2SeqGradients(zerosLike: self)
    let countedPairs = pass.decoderSteps.reduce(0) { $0 + $1.targets.count { $0 != nil } }
    guard countedPairs > 0, let decoderBackward, case .bidirectional(let encoderLayer) = encoder,
      case .bidirectional(let encoderRun) = pass.encoder.run
    else { return gradients }
    let scale = 1 / Float(countedPairs)
    let units = decoder.units

    var forwardOutputs: [Matrix] = []
    var backwardOutputs: [Matrix] = []
    var mergedOutputs: [Matrix] = []
    var logitGradients: [Matrix] = []
    for step in pass.decoderSteps {
      let backwardCell = step.backwardCell!  // set at every step of a bidirectional decoder
      let logitGradient = Dense.crossEntropyGradient(probabilities: step.probabilities, targets: step.targets, scale: scale)
      let merged = Matrix.concatenatingColumns([step.cell.hidden, backwardCell.hidden])
      let mergedGradient = output.inputGradient(preActivationGradient: logitGradient)
      mergedOutputs.append(merged)
      logitGradients.append(logitGradient)
      forwardOutputs.append(mergedGradient.columns(0..<units))
      backwardOutputs.append(mergedGradient.columns(units..<2 * units))
    }
    output.accumulateWeightGradients(inputs: mergedOutputs, preActivationGradients: logitGradients, into: &gradients.output)
    var backwardHalfGradients = gradients.decoderBackward!
    let needsTokenGradients = gradients.decoderEmbedding != nil
    let forwardHalf = decoder.backward(
      run: runs.forward, outputGradients: forwardOutputs, into: &gradients.decoder,
      needsInputGradients: needsTokenGradients)
    let backwardHalf = decoderBackward.backward(
      run: runs.backward, outputGradients: backwardOutputs, into: &backwardHalfGradients,
      needsInputGradients: needsTokenGradients)
    gradients.decoderBackward = backwardHalfGradients

    if var tableGradient = gradients.decoderEmbedding {
      gradients.decoderEmbedding = nil
      for (position, step) in pass.decoderSteps.enumerated() {
        Embedding.accumulateGradient(
          tokens: step.fedTokens, vectorGradients: forwardHalf.inputs[position] + backwardHalf.inputs[position],
          into: &tableGradient)
      }
      gradients.decoderEmbedding = tableGradient
    }

    var encoderBackwardGradients = gradients.encoderBackward!
    let inputGradients = encoderLayer.backward(
      // Both halves started from the encoder's states, so both computed their gradients.
      run: encoderRun, forwardFinalStateGradient: forwardHalf.initialState!,
      backwardFinalStateGradient: backwardHalf.initialState!, forwardGradients: &gradients.encoderForward,
      backwardGradients: &encoderBackwardGradients, needsInputGradients: encoderInputsNeedGradients)
    gradients.encoderBackward = encoderBackwardGradients

    addEncoderEmbeddingGradient(inputGradients, of: pass, to: &gradients)
    return gradients
  }
}
