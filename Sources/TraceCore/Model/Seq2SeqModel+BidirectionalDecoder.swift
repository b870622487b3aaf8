// The forward pass of a bidirectional decoder: Keras's
//   Bidirectional(LSTM(U, return_sequences=True))(decoder_inputs, initial_state=[fh, fc, bh, bc])
// followed by a Dense softmax over the concatenated halves. The forward half starts from
// the encoder's forward (h, c) and reads the fed sequence first to last; the backward half
// starts from the encoder's backward (h, c) and reads it last to first. The fed sequence
// is the teacher-forced one: the start token, then the target shifted by one. Nothing else
// can be fed: at position t the backward half has already read positions T-1 … t+1, which
// a free-running decoder would not have written yet.
// B = batch rows, T = decoder positions, U = units of each half, V = output vocabulary size.

extension Seq2SeqModel {
  /// A teacher-forced pass of a model whose decoder is bidirectional.
  ///
  /// ```
  /// x_t = start (t = 0), y_(t-1) (t > 0)                     fed tokens, [B, I] each
  /// (h→_t, c→_t) = LSTM→(x_t, h→_(t-1), c→_(t-1)),  from the encoder's forward (h, c)
  /// (h←_t, c←_t) = LSTM←(x_t, h←_(t+1), c←_(t+1)),  from the encoder's backward (h, c)
  /// p_t = softmax([h→_t | h←_t]·W + b)                       [B, V]
  /// ```
  /// Rows whose target is shorter are masked after their end, so each row's backward half
  /// starts at its own last token.
  func bidirectionalDecoderForward(sources: [[Int]], targets: [[Int]]) -> Seq2SeqForward {
    let pass = encode(sources)
    let handover = handover(from: pass)
    guard case .bidirectional(let encoderRun) = pass.run, let decoderBackward else {
      preconditionFailure("validate() allows a bidirectional decoder only after a bidirectional encoder")
    }
    let batch = sources.count
    let length = targets.map { $0.count }.max() ?? 0
    let startID = configuration.startToken.flatMap { configuration.outputVocabulary.id(of: $0) } ?? 0
    var fed: [[Int?]] = []
    var inputs: [Matrix] = []
    var mask: [[Bool]] = []
    for t in 0..<length {
      let present = (0..<batch).map { t < targets[$0].count }
      let ids = (0..<batch).map { row in t == 0 ? startID : (present[row] ? targets[row][t - 1] : startID) }
      fed.append((0..<batch).map { present[$0] ? ids[$0] : nil })
      inputs.append(decoderInput(for: ids))
      mask.append(present)
    }
    let anyPadding = mask.contains { $0.contains(false) }
    let runs = BidirectionalRun(
      forward: decoder.run(inputs, initialState: encoderRun.forward.finalState, mask: anyPadding ? mask : nil),
      backward: decoderBackward.run(inputs, initialState: encoderRun.backward.finalState, mask: anyPadding ? mask : nil),
      mergeMode: .concat)
    var steps: [DecoderStepCache] = []
    for t in 0..<length {
      let forwardCell = runs.forward.steps[t]
      let backwardCell = runs.backward.steps[length - 1 - t]
      let merged = Matrix.concatenatingColumns([forwardCell.hidden, backwardCell.hidden])
      let probabilities = output(merged)
      steps.append(
        DecoderStepCache(
          fedTokens: fed[t], fedTokenSources: (0..<batch).map { _ in t == 0 ? .startToken : .groundTruth },
          cell: forwardCell, probabilities: probabilities,
          predictions: (0..<batch).map { probabilities.argmax(row: $0) },
          targets: (0..<batch).map { t < targets[$0].count ? targets[$0][t] : nil }, backwardCell: backwardCell))
    }
    return Seq2SeqForward(
      encoder: pass, handover: handover, decoderSteps: steps, feeding: .teacherForcing,
      stepCounts: targets.map { $0.count }, arithmetic: output.arithmetic, decoderRuns: runs)
  }
}
