// Backpropagation through a whole encoder-decoder, from the caches of one forward pass
// (Seq2SeqForward): the decoder through time, across the bridge, then the encoder through
// time. Nothing of the forward is recomputed, so the gradient belongs to exactly the pass
// that was recorded, whichever way its decoder was fed.
//
// The loss is the mean cross-entropy over the counted (step, row) pairs: those whose
// target is not nil. Steps past a row's end token, and rows without targets, teach
// nothing. Tokens fed to the decoder are constants: a fed prediction (free running,
// scheduled sampling) came from an argmax, which has no gradient.
//
// References: Sutskever, Vinyals and Le 2014; Werbos 1990 (BPTT); Keras's
// categorical_crossentropy. Goals, in order: correct, readable, fast.
//
// A series model's loss is Keras's mean squared error over every (step, row, value); its
// linear output layer passes `∂L/∂y` straight to the Dense backward.

extension Seq2SeqModel {
  /// The gradient of `pass.meanLoss` with respect to every weight.
  ///
  /// ```
  /// L = (1/N) Σ_(t, b counted) -log clip(p_t[b, y_t[b]])      N = number of counted pairs
  /// decoder:  da_t = (p_t - onehot(y_t)) / N;  dh_t = da_t·W_outᵀ + dh from step t+1
  /// bridge:   states   ∂(h₀, c₀) of the decoder -> ∂ encoder final (h, c)
  ///                    (bidirectional: first half forward, second half backward)
  ///           repeated ∂e = Σ_t ∂x_t of the decoder -> ∂ encoder final output
  ///                    (conditioned: ∂x_t = [∂e_t | ∂token_t], only ∂e_t counts)
  /// encoder:  BPTT from its final state (and, bidirectional, the merge's split)
  ///
  /// series model (linear output y_t, true values v_t, k steps, F values per step):
  /// L = (1/(B·k·F)) Σ_(t, b, f) (y_t - v_t)²      da_t = 2 (y_t - v_t) / (B·k·F)
  /// ```
  /// - Parameter pass: a forward pass of this model, with targets.
  /// - Returns: the gradients (all zero when no pair counts).
  public func backward(_ pass: Seq2SeqForward) -> Seq2SeqGradients {
    if let runs = pass.decoderRuns { return bidirectionalDecoderBackward(pass, runs: runs) }
    var gradients = Seq2SeqGradients(zerosLike: self)
    let countedPairs = pass.countedPairs
    guard countedPairs > 0 else { return gradients }
    let writesValues = configuration.series != nil
    let scale = 1 / Float(countedPairs)
    let batch = pass.encoder.tokens.count
    let units = decoder.units

    // Decoder, last step first.
    var hiddenGradient = Matrix(rows: batch, columns: units)
    var cellGradient = Matrix(rows: batch, columns: units)
    var repeatedGradient: Matrix?
    if case .repeated(let encoding) = pass.handover {
      repeatedGradient = Matrix(rows: encoding.rows, columns: encoding.columns)
    }
    // Embedding tables are taken out of `gradients` while rows are added, so adding never
    // copies a table that `gradients` still shares (a word vocabulary's table is large).
    var decoderTableGradient = gradients.decoderEmbedding
    gradients.decoderEmbedding = nil
    // Each step's dz and output gradient are kept, and the decoder's and the output
    // layer's weight gradients added once for all steps after the loop (see LSTM+Backward).
    var logitGradients: [Matrix] = []
    var decoderPreActivationGradients: [Matrix] = []
    logitGradients.reserveCapacity(pass.decoderSteps.count)
    decoderPreActivationGradients.reserveCapacity(pass.decoderSteps.count)
    // After a repeat bridge the decoder starts from zeros: nothing reads its ∂L/∂h₀.
    let decoderStartsFromZeros = pass.handover.isRepeated
    for (t, step) in pass.decoderSteps.enumerated().reversed() {
      let logitGradient: Matrix
      if writesValues, let predicted = step.predictedValues, let truth = step.targetValues {
        // meanSquaredErrorGradient averages over one step's B·F values; the loss averages
        // over all k steps too.
        logitGradient =
          Dense.meanSquaredErrorGradient(outputs: predicted, targets: truth) * (1 / Float(pass.decoderSteps.count))
      } else {
        logitGradient = Dense.crossEntropyGradient(
          probabilities: step.probabilities, targets: step.targets, scale: scale)
      }
      logitGradients.append(logitGradient)
      hiddenGradient += output.inputGradient(preActivationGradient: logitGradient)
      let stepGradient = decoder.stepGradient(
        cache: step.cell, hiddenGradient: hiddenGradient, cellGradient: cellGradient,
        needsInputGradient: repeatedGradient != nil || decoderTableGradient != nil,
        needsPreviousHiddenGradient: t > 0 || !decoderStartsFromZeros)
      decoderPreActivationGradients.append(stepGradient.preActivations)
      let back = stepGradient.inputs
      hiddenGradient = back.previousHidden
      cellGradient = back.previousCell
      if let sum = repeatedGradient {
        // The same vector was read at every step; a conditioned decoder's input is
        // [encoding | one-hot previous token], and the token part is a constant.
        let encodingGradient =
          configuration.kind.decoderInput == .repeatedEncodingAndPreviousToken
          ? back.input.columns(0..<sum.columns) : back.input
        repeatedGradient = sum + encodingGradient
      } else if decoderTableGradient != nil {
        Embedding.accumulateGradient(tokens: step.fedTokens, vectorGradients: back.input, into: &decoderTableGradient!)
      }
    }
    gradients.decoderEmbedding = decoderTableGradient
    let stepsLastFirst = Array(pass.decoderSteps.reversed())
    output.accumulateWeightGradients(
      inputs: stepsLastFirst.map(\.cell.hidden), preActivationGradients: logitGradients, into: &gradients.output)
    decoder.accumulateWeightGradients(
      steps: stepsLastFirst.map(\.cell), preActivationGradients: decoderPreActivationGradients, into: &gradients.decoder)

    // The bridge and the encoder.
    let inputGradients: [Matrix]
    switch (pass.encoder.run, encoder) {
    case (.unidirectional(let run), .unidirectional(let layer)):
      let finalState =
        repeatedGradient.map { LSTMState(hidden: $0, cell: Matrix(rows: batch, columns: layer.units)) }
        ?? LSTMState(hidden: hiddenGradient, cell: cellGradient)
      inputGradients =
        layer.backward(
          run: run, finalStateGradient: finalState, into: &gradients.encoderForward,
          needsInputGradients: encoderInputsNeedGradients, needsInitialStateGradient: false
        ).inputs
    case (.bidirectional(let run), .bidirectional(let layer)):
      var backwardGradients = gradients.encoderBackward ?? LSTMGradients(zerosLike: layer.backward)
      if let repeatedGradient {
        inputGradients = layer.backward(
          run: run, mergedFinalGradient: repeatedGradient,
          forwardGradients: &gradients.encoderForward, backwardGradients: &backwardGradients,
          needsInputGradients: encoderInputsNeedGradients)
      } else {
        // The decoder's state is [forward | backward]: split it back.
        let half = layer.units
        inputGradients = layer.backward(
          run: run,
          forwardFinalStateGradient: LSTMState(
            hidden: hiddenGradient.columns(0..<half), cell: cellGradient.columns(0..<half)),
          backwardFinalStateGradient: LSTMState(
            hidden: hiddenGradient.columns(half..<2 * half), cell: cellGradient.columns(half..<2 * half)),
          forwardGradients: &gradients.encoderForward, backwardGradients: &backwardGradients,
          needsInputGradients: encoderInputsNeedGradients)
      }
      gradients.encoderBackward = backwardGradients
    default:
      preconditionFailure("the forward pass was not made by this model's encoder")
    }

    addEncoderEmbeddingGradient(inputGradients, of: pass, to: &gradients)
    return gradients
  }
}

extension Seq2SeqModel {
  /// Whether anything reads the gradients of the encoder's inputs: only an embedding table
  /// does. One-hot inputs are constants, so the backward passes skip `dx = dz·Wᵀ` for them.
  var encoderInputsNeedGradients: Bool { encoderEmbedding != nil }

  /// Adds the gradients of the encoder's inputs, one `[B, E]` matrix per position, to the
  /// rows of its embedding table they were looked up from (nothing when it reads one-hot
  /// vectors, whose gradients the backward passes skip: ``encoderInputsNeedGradients``;
  /// padded positions add nothing).
  func addEncoderEmbeddingGradient(_ inputGradients: [Matrix], of pass: Seq2SeqForward, to gradients: inout Seq2SeqGradients) {
    guard var tableGradient = gradients.encoderEmbedding else { return }
    gradients.encoderEmbedding = nil  // keeps the table's storage unique while it is updated
    for (position, gradient) in inputGradients.enumerated() {
      let tokens = pass.encoder.tokens.map { position < $0.count ? $0[position] : nil }  // nil: padding
      Embedding.accumulateGradient(tokens: tokens, vectorGradients: gradient, into: &tableGradient)
    }
    gradients.encoderEmbedding = tableGradient
  }
}
