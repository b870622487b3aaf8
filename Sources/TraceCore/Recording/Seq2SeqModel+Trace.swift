// Recording: one input through the model, written out from the forward pass's own
// caches (batch of one). There is no second implementation of the model here: every
// number comes from LSTMStepCache and DecoderStepCache.

extension Seq2SeqModel {
  /// Traces `input` through the model: the encoder, the bridge and a greedy free-running
  /// decode, plus a teacher-forced decode when `target` is given. A model whose decoder is
  /// bidirectional is traced teacher-forced only, and without a target it throws
  /// ``TraceInputError/freeRunningImpossible(model:)``.
  ///
  /// ```
  /// try model.trace(input: " 2+10", target: "12").freeRunning.output  // "12"
  /// ```
  ///
  /// The recording runs with ``Arithmetic/portable`` whatever the model's own arithmetic, so
  /// a trace has the same bits natively and in the page's WebAssembly.
  public func trace(input: String, target: String? = nil) throws(TraceInputError) -> ModelTrace {
    guard arithmetic == .portable else {
      var portable = self
      portable.arithmetic = .portable
      return try portable.trace(input: input, target: target)
    }
    let prepared = try configuration.prepare(input: input, target: target)
    let tokens: ModelInput.TokenInput
    switch prepared.content {
    case .series(let values): return forecastTrace(input: input, target: target, values: values)
    case .tokens(let prepared): tokens = prepared
    }
    let config = configuration
    let encoderTokens = tokens.encoderTokens
    let targetIDs = tokens.decoderTargets

    switch config.kind.decoding {
    case .teacherForcedOnly(let reason):
      guard let targetIDs else { throw .freeRunningImpossible(model: config.name) }
      var unused = SeededGenerator(seed: 0)
      let forced = forward(sources: [encoderTokens], targets: [targetIDs], feeding: .teacherForcing, generator: &unused)
      return ModelTrace(
        format: ModelTrace.formatName, version: ModelTrace.currentVersion, model: description,
        input: input, target: target, encoder: encoderRecord(forced.encoder), bridge: bridgeRecord(forced),
        decodes: .teacherForcedOnly(decodeRecord(forced, feeding: .teacherForced), refusal: reason.refusal(model: config.name)))
    case .freeRunning:
      break
    }
    var unused = SeededGenerator(seed: 0)  // greedy and teacher-forced decodes draw nothing
    let free = forward(sources: [encoderTokens], targets: targetIDs.map { [$0] }, feeding: .freeRunning, generator: &unused)
    let forced = targetIDs.map {
      forward(sources: [encoderTokens], targets: [$0], feeding: .teacherForcing, generator: &unused)
    }
    let freeRecord = decodeRecord(free, feeding: .freeRunning)
    let forcedRecord = forced.map { decodeRecord($0, feeding: .teacherForced) }
    return ModelTrace(
      format: ModelTrace.formatName, version: ModelTrace.currentVersion, model: description,
      input: input, target: target,
      encoder: encoderRecord(free.encoder), bridge: bridgeRecord(free),
      decodes: .tokens(
        freeRunning: freeRecord,
        comparison: forcedRecord.map {
          TeacherForcedComparison(
            teacherForced: $0, firstDivergence: Self.firstDivergence(teacherForced: $0, freeRunning: freeRecord))
        }))
  }

  /// The facts about this model that a trace carries: its kind (``ModelDescription/kind``
  /// gives it back), sizes and vocabularies.
  public var description: ModelDescription {
    let config = configuration
    let kind = config.kind
    var description = ModelDescription(
      name: config.name, bridge: kind.bridge, bidirectional: false, mergeMode: nil,
      encoderUnits: config.encoder.units, decoderUnits: config.decoder.units,
      inputVocabulary: config.inputVocabulary, outputVocabulary: config.outputVocabulary,
      startToken: config.startToken, endToken: config.endToken, reverseInput: config.reverseInput,
      parameterCount: parameterCount, conditionedDecoder: nil, series: kind.series,
      encoderEmbeddingSize: config.encoder.embeddingSize,
      decoderEmbeddingSize: kind.bridge == .states ? config.decoder.embeddingSize : nil)
    switch kind.encoder {
    case .oneDirection: break
    case .bothDirections(let mergeMode, let backwardActivation):
      description.bidirectional = true
      description.mergeMode = mergeMode
      description.backwardActivation = backwardActivation
    }
    switch kind.decoderInput {
    case .previousToken, .repeatedEncoding: break
    case .repeatedEncodingAndPreviousToken: description.conditionedDecoder = true
    }
    switch kind.decoding {
    case .freeRunning: break
    case .teacherForcedOnly(.bidirectionalDecoder): description.bidirectionalDecoder = true
    }
    return description
  }

  /// The first step where two decodes are fed differently, or where one has stopped and
  /// the other goes on.
  package static func firstDivergence(teacherForced: DecodeRecord, freeRunning: DecodeRecord) -> Int? {
    let shared = min(teacherForced.steps.count, freeRunning.steps.count)
    for step in 0..<shared where teacherForced.steps[step].fedToken != freeRunning.steps[step].fedToken {
      return step
    }
    return teacherForced.steps.count == freeRunning.steps.count ? nil : shared
  }
}

private extension Seq2SeqModel {
  /// A series model's trace: the values read, and one free-running forecast whose steps
  /// carry the predicted values and, with a target, the true ones. There is no
  /// teacher-forced decode: a forecaster's decoder reads the repeated encoding, never its
  /// previous output.
  func forecastTrace(input: String, target: String?, values: ModelInput.SeriesInput) -> ModelTrace {
    guard let series = configuration.series else { preconditionFailure("forecastTrace needs a series model") }
    let pass = forecast(series: [values.encoderValues], targets: values.targetValues.map { [$0] })

    let encoder = encoderRecord(pass.encoder)

    var steps: [DecoderStepRecord] = []
    for (index, cache) in pass.decoderSteps.enumerated() {
      let predicted = cache.predictedValues?.row(0) ?? []
      let truth = cache.targetValues?.row(0)
      steps.append(
        DecoderStepRecord(
          step: index, fedToken: nil, fedTokenSource: .repeatedEncoding, target: truth.map { series.text(of: $0) },
          state: cellRecord(cache.cell), probabilities: [], predicted: series.text(of: predicted),
          loss: pass.squaredError(step: index, row: 0), predictedValues: predicted, targetValues: truth))
    }
    let forecastRecord = DecodeRecord(
      feeding: .freeRunning, steps: steps, output: series.text(of: steps.flatMap { $0.predictedValues ?? [] }),
      stopReason: .fixedLength, meanLoss: pass.meanSquaredError)
    return ModelTrace(
      format: ModelTrace.formatName, version: ModelTrace.currentVersion, model: description,
      input: input, target: target, encoder: encoder, bridge: bridgeRecord(pass), decodes: .forecast(forecastRecord))
  }

  func cellRecord(_ cache: LSTMStepCache) -> CellRecord {
    CellRecord(
      inputGate: cache.inputGate.row(0), forgetGate: cache.forgetGate.row(0), candidate: cache.candidate.row(0),
      outputGate: cache.outputGate.row(0), cell: cache.cell.row(0), hidden: cache.hidden.row(0))
  }

  /// The encoder's steps; a series model's `tokens` are its values as text, and each
  /// step also records the values read.
  func encoderRecord(_ pass: EncoderPass) -> EncoderRecord {
    let vocabulary = configuration.inputVocabulary
    let series = configuration.series
    let tokens =
      series.map { series in pass.inputs.map { series.text(of: $0.row(0)) } } ?? pass.tokens[0].map { vocabulary.tokens[$0] }
    // The embedding lookup is the LSTM step's own input: row 0 of what the step read.
    let embeds = encoderEmbedding != nil
    func steps(_ run: LSTMSequenceRun) -> [EncoderStepRecord] {
      zip(run.positions, run.steps).map { position, cache in
        EncoderStepRecord(
          position: position, token: tokens[position], state: cellRecord(cache),
          inputVector: embeds ? cache.input.row(0) : nil, values: series == nil ? nil : pass.inputs[position].row(0))
      }
    }
    switch pass.run {
    case .unidirectional(let run):
      return EncoderRecord(tokens: tokens, forward: steps(run), backward: nil, merged: nil)
    case .bidirectional(let run):
      return EncoderRecord(
        tokens: tokens, forward: steps(run.forward), backward: steps(run.backward),
        merged: run.mergedSequence?.map { $0.row(0) })
    }
  }

  func bridgeRecord(_ forward: Seq2SeqForward) -> BridgeRecord {
    var record = BridgeRecord(kind: configuration.bridge)
    if case .bidirectional(let run) = forward.encoder.run {
      record.forwardHidden = run.forward.finalState.hidden.row(0)
      record.forwardCell = run.forward.finalState.cell.row(0)
      record.backwardHidden = run.backward.finalState.hidden.row(0)
      record.backwardCell = run.backward.finalState.cell.row(0)
    }
    switch forward.handover {
    case .states(let state):
      record.hidden = state.hidden.row(0)
      record.cell = state.cell.row(0)
    case .repeated(let vector):
      record.repeatedVector = vector.row(0)
      record.repeatCount = configuration.maxOutputLength
    }
    return record
  }

  func decodeRecord(_ forward: Seq2SeqForward, feeding: DecodeRecord.Feeding) -> DecodeRecord {
    let vocabulary = configuration.outputVocabulary
    var steps: [DecoderStepRecord] = []
    var written: [String] = []
    let kind = configuration.kind
    var stopReason: StopReason =
      kind.stopsAtEndToken ? (feeding == .teacherForced ? .targetEnd : .maxLength) : .fixedLength
    for (index, cache) in forward.decoderSteps.enumerated() where index < forward.stepCounts[0] {
      let predicted = vocabulary.tokens[cache.predictions[0]]
      steps.append(
        DecoderStepRecord(
          step: index, fedToken: cache.fedTokens[0].map { vocabulary.tokens[$0] },
          fedTokenSource: cache.fedTokenSources[0],
          readsRepeatedVector: kind.decoderInput == .repeatedEncodingAndPreviousToken ? true : nil,
          target: cache.targets[0].map { vocabulary.tokens[$0] },
          state: cellRecord(cache.cell), backwardState: cache.backwardCell.map(cellRecord),
          probabilities: cache.probabilities.row(0), predicted: predicted,
          loss: forward.loss(step: index, row: 0),
          inputVector: decoderEmbedding != nil && cache.fedTokens[0] != nil ? cache.cell.input.row(0) : nil))
      if feeding == .freeRunning && predicted == configuration.endToken {
        stopReason = .endToken
        break
      }
      if predicted != configuration.endToken { written.append(predicted) }
    }
    return DecodeRecord(
      feeding: feeding, steps: steps, output: vocabulary.text(of: written), stopReason: stopReason,
      meanLoss: forward.meanLoss)
  }
}

extension BridgeRecord {
  init(kind: Bridge) {
    self.init(
      kind: kind, hidden: nil, cell: nil, forwardHidden: nil, forwardCell: nil, backwardHidden: nil,
      backwardCell: nil, repeatedVector: nil, repeatCount: nil)
  }
}
