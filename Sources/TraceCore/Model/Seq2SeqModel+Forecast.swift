// The forward pass of a series model (Keras's classic forecaster): the encoder LSTM reads
// F real values per step, its final output is repeated k times (RepeatVector), the decoder
// LSTM reads that vector at every step, and a linear Dense layer (TimeDistributed) writes
// F values per step. It fills the same caches as a token model's pass (EncoderPass,
// DecoderStepCache), so backward, recording and evaluation read one implementation.
// B = batch rows, n = input steps, k = output steps, F = values per step.

extension Seq2SeqModel {
  /// Runs the encoder over a batch of prepared series (``Seq2SeqConfiguration/encoderValues(forSeries:)``), each
  /// `n × F` values; every row must have the same length.
  public func encode(values rows: [[Float]]) -> EncoderPass {
    let width = configuration.valuesPerStep
    let length = (rows.first?.count ?? 0) / width
    precondition(rows.allSatisfy { $0.count == length * width }, "every series must have the same number of steps")
    let inputs = (0..<length).map { position in
      Matrix(rows: rows.count, columns: width, values: rows.flatMap { $0[position * width..<(position + 1) * width] })
    }
    let run: EncoderRun
    switch encoder {
    case .unidirectional(let lstm): run = .unidirectional(lstm.run(inputs, mask: nil))
    case .bidirectional(let layer): run = .bidirectional(layer.run(inputs, mask: nil))
    }
    // No tokens: one empty list per row keeps the batch size.
    return EncoderPass(tokens: Array(repeating: [], count: rows.count), inputs: inputs, mask: nil, run: run)
  }

  /// Runs a series model over a batch: `k` decoder steps, each writing `F` values.
  ///
  /// - Parameters:
  ///   - series: per row, the `n × F` values read (prepared with ``Seq2SeqConfiguration/encoderValues(forSeries:)``).
  ///   - targets: per row, the `k × F` true next values, step-major; `nil` to forecast only.
  /// ```
  /// y_t = h_t·W + b     h_t = decoder(e, h_(t-1))     e = encoder(x_1 … x_n)
  /// ```
  public func forecast(series: [[Float]], targets: [[Float]]? = nil) -> Seq2SeqForward {
    precondition(configuration.series != nil, "forecast(series:) needs a series model")
    let pass = encode(values: series)
    let handover = handover(from: pass)
    guard case .repeated(let encoding) = handover else { preconditionFailure("a series model has a repeat bridge") }
    let batch = series.count
    let width = configuration.valuesPerStep
    let stepCount = configuration.maxOutputLength
    var state = LSTMState.zeros(batch: batch, units: decoder.units)
    var steps: [DecoderStepCache] = []
    let projection = Matrix.product(encoding, decoder.kernel, arithmetic: decoder.arithmetic)  // x·W, the same at every step
    for t in 0..<stepCount {
      let cell = decoder.step(input: encoding, state: state, inputProjection: projection)
      state = LSTMState(hidden: cell.hidden, cell: cell.cell)
      let values = output(cell.hidden)  // [B, F], linear
      let truth = targets.map { rows in
        Matrix(rows: batch, columns: width, values: rows.flatMap { $0[t * width..<(t + 1) * width] })
      }
      steps.append(
        DecoderStepCache(
          fedTokens: Array(repeating: nil, count: batch),
          fedTokenSources: Array(repeating: .repeatedEncoding, count: batch), cell: cell, probabilities: values,
          predictions: Array(repeating: 0, count: batch), targets: Array(repeating: nil, count: batch),
          predictedValues: values, targetValues: truth))
    }
    return Seq2SeqForward(
      encoder: pass, handover: handover, decoderSteps: steps, feeding: .freeRunning,
      stepCounts: Array(repeating: stepCount, count: batch))
  }
}
