// The forward pass of a whole encoder-decoder over a batch, kept as named caches: the
// one implementation that training differentiates and that the recorder writes out.
// B = batch rows, T = source positions, V = output vocabulary size.

/// The encoder's work over a batch.
public struct EncoderPass: Sendable {
  /// Per row, the token ids the encoder read, after padding and reversal.
  public var tokens: [[Int]]
  /// Per position, the vectors read: `[B, I]` (one-hot rows or embeddings; zeros where padded).
  public var inputs: [Matrix]
  /// `mask[t][b]` is `false` where row `b` has no token at position `t`; `nil` when no row is short.
  public var mask: [[Bool]]?
  /// The LSTM runs.
  public var run: EncoderRun
}

/// The runs of the encoder's one or two LSTMs.
public enum EncoderRun: Sendable {
  case unidirectional(LSTMSequenceRun)
  case bidirectional(BidirectionalRun)
}

/// What the bridge hands to the decoder.
public enum BridgeHandover: Sendable {
  /// The decoder's initial hidden and cell states, `[B, U]` each.
  case states(LSTMState)
  /// The vector fed at every decoder step, `[B, E]`.
  case repeated(Matrix)

  /// Whether the decoder is fed a repeated vector and so starts from zeros.
  package var isRepeated: Bool {
    if case .repeated = self { return true }
    return false
  }
}

/// Everything one decoder step computed for a batch.
public struct DecoderStepCache: Sendable {
  /// Per row, the token whose vector was fed, or `nil` when the repeated encoding was.
  public var fedTokens: [Int?]
  /// Per row, where the fed token came from.
  public var fedTokenSources: [TokenSource]
  /// The decoder LSTM's step.
  public var cell: LSTMStepCache
  /// The softmax over the output vocabulary: `[B, V]`.
  public var probabilities: Matrix
  /// Per row, the most probable token.
  public var predictions: [Int]
  /// Per row, the token the step should have produced, or `nil` where none counts
  /// (no target given, or the row's target has ended).
  public var targets: [Int?]
  /// A series model's forecast at this step, `[B, F]`: the linear output layer's values
  /// (the same matrix as ``probabilities``, which then holds no probabilities). `nil` for a
  /// token model.
  public var predictedValues: Matrix? = nil
  /// A series model's true values at this step, `[B, F]`, when targets were given.
  public var targetValues: Matrix? = nil
  /// A bidirectional decoder's backward half at this position (`cell` is then the
  /// forward half's); `nil` for a one-directional decoder.
  public var backwardCell: LSTMStepCache? = nil
}

/// A whole forward pass over a batch.
public struct Seq2SeqForward: Sendable {
  /// The encoder's work.
  public var encoder: EncoderPass
  /// What the decoder received.
  public var handover: BridgeHandover
  /// The decoder's steps in order.
  public var decoderSteps: [DecoderStepCache]
  /// How the decoder was fed.
  public var feeding: DecoderFeeding
  /// Per row, how many decoder steps belong to it: free-running, through its end token
  /// (state bridge) or every step RepeatVector repeats (repeat bridge); fed the target, the
  /// target's length.
  public var stepCounts: [Int]
  /// The arithmetic of the pass's loss (its output layer's).
  public var arithmetic: Arithmetic = .platform
  /// A bidirectional decoder's two runs over the fed sequence (their steps are also in
  /// ``decoderSteps``); `nil` for a one-directional decoder.
  public var decoderRuns: BidirectionalRun? = nil

  /// Keras's probability clip in categorical cross-entropy.
  public static let probabilityEpsilon: Float = 1e-7

  /// The cross-entropy `-log p(target)` of row `row` at step `step`, or `nil` where no
  /// target counts.
  public func loss(step: Int, row: Int) -> Float? {
    let cache = decoderSteps[step]
    guard let target = cache.targets[row] else { return nil }
    let p = min(max(cache.probabilities[row, target], Self.probabilityEpsilon), 1 - Self.probabilityEpsilon)
    return -arithmetic.logarithm(p)
  }

  /// Whether the pass is a series model's (its steps hold values, not probabilities).
  public var isSeries: Bool { decoderSteps.first?.predictedValues != nil }

  /// The squared error `(1/F) Σ (y - t)²` of row `row` at step `step` of a series model,
  /// or `nil` without true values.
  public func squaredError(step: Int, row: Int) -> Float? {
    let cache = decoderSteps[step]
    guard let predicted = cache.predictedValues, let truth = cache.targetValues else { return nil }
    var sum: Float = 0
    for column in 0..<predicted.columns {
      let difference = predicted[row, column] - truth[row, column]
      sum += difference * difference
    }
    return sum / Float(predicted.columns)
  }

  /// A series model's mean squared error over every step and row, as Keras's
  /// `mean_squared_error`; `nil` without true values.
  public var meanSquaredError: Float? {
    var total: Float = 0
    var count = 0
    for step in decoderSteps.indices {
      for row in 0..<(decoderSteps[step].predictedValues?.rows ?? 0) {
        if let error = squaredError(step: step, row: row) {
          total += error
          count += 1
        }
      }
    }
    return count == 0 ? nil : total / Float(count)
  }

  /// The counted pairs whose greedy prediction is their target token: what Keras's
  /// `accuracy` metric counts during `fit`, under whatever feeding the pass used. 0 for a
  /// series model, which has no tokens.
  public var rightPredictions: Int {
    decoderSteps.reduce(0) { sum, step in
      sum + step.targets.indices.count { row in step.targets[row].map { $0 == step.predictions[row] } ?? false }
    }
  }

  /// The (step, row) pairs the training loss averages over: those with a target token, or
  /// for a series model those with true values.
  public var countedPairs: Int {
    decoderSteps.reduce(0) { sum, step in
      if let truth = step.targetValues { return sum + truth.rows }
      return sum + step.targets.count { $0 != nil }
    }
  }

  /// The loss training minimises: ``meanSquaredError`` for a series model, ``meanLoss``
  /// (cross-entropy) otherwise.
  public var trainingLoss: Float? { isSeries ? meanSquaredError : meanLoss }

  /// The mean loss over every step that has a target.
  public var meanLoss: Float? {
    var total: Float = 0
    var count = 0
    for step in decoderSteps.indices {
      for row in 0..<decoderSteps[step].targets.count {
        if let loss = loss(step: step, row: row) {
          total += loss
          count += 1
        }
      }
    }
    return count == 0 ? nil : total / Float(count)
  }
}

extension Seq2SeqModel {
  /// Runs the encoder over a batch of already prepared token sequences (see ``Seq2SeqConfiguration/encoderTokens(forSourceIDs:)``).
  public func encode(_ tokens: [[Int]]) -> EncoderPass {
    let batch = tokens.count
    let length = tokens.map { $0.count }.max() ?? 0
    let inputSize = configuration.encoderInputSize
    var inputs: [Matrix] = []
    var mask: [[Bool]] = []
    // Per position, the token of each row (nil past its end): a one-hot row's hot column.
    var hotColumns: [[Int?]] = []
    for position in 0..<length {
      var vectors = Matrix(rows: batch, columns: inputSize)
      var present = [Bool](repeating: true, count: batch)
      var hot = [Int?](repeating: nil, count: batch)
      for row in 0..<batch {
        guard position < tokens[row].count else {
          present[row] = false
          continue
        }
        let token = tokens[row][position]
        if let embedding = encoderEmbedding {
          vectors.setRow(row, to: embedding.table.row(token))
        } else {
          vectors[row, token] = 1
          hot[row] = token
        }
      }
      inputs.append(vectors)
      mask.append(present)
      hotColumns.append(hot)
    }
    let anyPadding = mask.contains { $0.contains(false) }
    let oneHot = encoderEmbedding == nil ? hotColumns : nil
    let run: EncoderRun
    switch encoder {
    case .unidirectional(let lstm): run = .unidirectional(lstm.run(inputs, mask: anyPadding ? mask : nil, hotColumns: oneHot))
    case .bidirectional(let layer): run = .bidirectional(layer.run(inputs, mask: anyPadding ? mask : nil, hotColumns: oneHot))
    }
    return EncoderPass(tokens: tokens, inputs: inputs, mask: anyPadding ? mask : nil, run: run)
  }

  /// What the bridge hands to the decoder after `pass`.
  public func handover(from pass: EncoderPass) -> BridgeHandover {
    switch (configuration.bridge, pass.run) {
    case (.states, .unidirectional(let run)):
      return .states(run.finalState)
    case (.states, .bidirectional(let run)):
      // Keras pattern: concatenate [forward, backward] hidden states, and cell states.
      let forward = run.forward.finalState, backward = run.backward.finalState
      return .states(
        LSTMState(
          hidden: Matrix.concatenatingColumns([forward.hidden, backward.hidden]),
          cell: Matrix.concatenatingColumns([forward.cell, backward.cell])))
    case (.repeatVector, .unidirectional(let run)):
      return .repeated(run.finalState.hidden)
    case (.repeatVector, .bidirectional(let run)):
      return .repeated(run.mergedFinal!)  // validate() refuses merge mode none here
    }
  }

  /// The vectors fed to the decoder for one token per row.
  func decoderInput(for tokens: [Int]) -> Matrix {
    if let embedding = decoderEmbedding { return embedding.lookup(tokens) }
    var vectors = Matrix(rows: tokens.count, columns: configuration.outputVocabulary.count)
    for (row, token) in tokens.enumerated() { vectors[row, token] = 1 }
    return vectors
  }

  /// Runs the whole model over a batch.
  ///
  /// - Parameters:
  ///   - sources: per row, the encoder's token ids (``Seq2SeqConfiguration/prepare(input:target:)``).
  ///   - targets: per row, the ids to write (``Seq2SeqConfiguration/prepare(input:target:)``);
  ///     required for teacher forcing and scheduled sampling.
  ///   - feeding: how the decoder is fed.
  ///   - generator: the random source of scheduled sampling.
  public func forward(
    sources: [[Int]], targets: [[Int]]? = nil, feeding: DecoderFeeding, generator: inout SeededGenerator
  ) -> Seq2SeqForward {
    precondition(targets != nil || feeding == .freeRunning, "teacher forcing needs targets")
    let kind = configuration.kind
    switch kind.decoding {
    case .teacherForcedOnly(let reason):
      precondition(feeding == .teacherForcing, reason.refusal(model: configuration.name))
      switch reason {
      case .bidirectionalDecoder: return bidirectionalDecoderForward(sources: sources, targets: targets!)
      }
    case .freeRunning:
      break
    }
    let pass = encode(sources)
    let handover = handover(from: pass)
    let batch = sources.count
    let endID = configuration.endToken.flatMap { configuration.outputVocabulary.id(of: $0) }
    let startID = configuration.startToken.flatMap { configuration.outputVocabulary.id(of: $0) }

    let stepLimit: Int
    switch (configuration.bridge, feeding) {
    case (.repeatVector, _), (_, .freeRunning): stepLimit = configuration.maxOutputLength
    default: stepLimit = targets!.map { $0.count }.max() ?? 0
    }

    var state: LSTMState
    switch handover {
    case .states(let states): state = states
    case .repeated: state = .zeros(batch: batch, units: decoder.units)
    }
    // A decoder that reads only the repeated encoding reads the same x at every step, so
    // x·W is one product for all of them.
    var repeatedProjection: Matrix? = nil
    if case .repeated(let encoding) = handover, !kind.decoderReadsTokens {
      repeatedProjection = Matrix.product(encoding, decoder.kernel, arithmetic: decoder.arithmetic)
    }
    var steps: [DecoderStepCache] = []
    var finished = [Bool](repeating: false, count: batch)
    var stepCounts = [Int](repeating: 0, count: batch)
    for t in 0..<stepLimit {
      var fedTokens = [Int?](repeating: nil, count: batch)
      var sources = [TokenSource](repeating: .repeatedEncoding, count: batch)
      var fedIDs: [Int]? = nil
      if kind.decoderReadsTokens {
        let fed = tokensToFeed(
          step: t, batch: batch, startID: startID ?? 0, targets: targets, previous: steps.last, feeding: feeding,
          generator: &generator)
        fedIDs = fed.ids
        fedTokens = fed.ids.map { Optional($0) }
        sources = fed.sources
      }
      let input: Matrix
      var inputProjection: Matrix? = nil
      switch handover {
      case .repeated(let encoding):
        // A conditioned decoder (Srivastava et al. 2015) reads [repeated encoding | previous token].
        input = fedIDs.map { Matrix.concatenatingColumns([encoding, decoderInput(for: $0)]) } ?? encoding
        inputProjection = repeatedProjection
      case .states:
        input = decoderInput(for: fedIDs!)
        if decoderEmbedding == nil { inputProjection = decoder.inputProjection(hotColumns: fedIDs!.map { Optional($0) }) }
      }
      let cell = decoder.step(
        input: input, state: state, inputProjection: inputProjection, startsFromZeros: t == 0 && handover.isRepeated)
      state = LSTMState(hidden: cell.hidden, cell: cell.cell)
      let probabilities = output(cell.hidden)
      var predictions = [Int](repeating: 0, count: batch)
      var stepTargets = [Int?](repeating: nil, count: batch)
      for row in 0..<batch {
        predictions[row] = probabilities.argmax(row: row)
        if let targets, t < targets[row].count { stepTargets[row] = targets[row][t] }
        switch (feeding, kind.stopsAtEndToken) {
        case (.freeRunning, true):
          if !finished[row] {
            stepCounts[row] = t + 1
            if predictions[row] == endID { finished[row] = true }
          }
          if finished[row] && t + 1 > stepCounts[row] { stepTargets[row] = nil }
        case (.freeRunning, false):
          // A free-running repeat bridge writes as many steps as RepeatVector repeats,
          // whatever the length of a target given beside it.
          stepCounts[row] = stepLimit
        default:
          stepCounts[row] = targets.map { min($0[row].count, stepLimit) } ?? stepLimit
        }
      }
      steps.append(
        DecoderStepCache(
          fedTokens: fedTokens, fedTokenSources: sources, cell: cell, probabilities: probabilities,
          predictions: predictions, targets: stepTargets))
      if feeding == .freeRunning && kind.stopsAtEndToken && !finished.contains(false) { break }
    }
    return Seq2SeqForward(
      encoder: pass, handover: handover, decoderSteps: steps, feeding: feeding, stepCounts: stepCounts,
      arithmetic: output.arithmetic)
  }
}

private extension Seq2SeqModel {
  /// The tokens fed to decoder step `step` (one per row) and where each came from: the start
  /// token first, then the true previous target, the previous prediction, or a draw between
  /// them, as `feeding` says. Scheduled sampling draws once per row, in row order.
  func tokensToFeed(
    step: Int, batch: Int, startID: Int, targets: [[Int]]?, previous: DecoderStepCache?, feeding: DecoderFeeding,
    generator: inout SeededGenerator
  ) -> FedTokens {
    var ids = [Int](repeating: startID, count: batch)
    var sources = [TokenSource](repeating: .startToken, count: batch)
    guard step > 0, let previous else { return FedTokens(ids: ids, sources: sources) }
    for row in 0..<batch {
      let truth = targets.flatMap { step - 1 < $0[row].count ? $0[row][step - 1] : nil }
      let own = previous.predictions[row]
      switch feeding {
      case .teacherForcing:
        sources[row] = .groundTruth
        ids[row] = truth ?? own
      case .freeRunning:
        sources[row] = .ownPrediction
        ids[row] = own
      case .scheduledSampling(let probability):
        let useTruth = Double(generator.uniform(0, 1)) < probability
        sources[row] = useTruth ? .groundTruth : .ownPrediction
        ids[row] = useTruth ? (truth ?? own) : own
      }
    }
    return FedTokens(ids: ids, sources: sources)
  }
}

/// The tokens one decoder step reads, one per row, and where each came from.
private struct FedTokens {
  var ids: [Int]
  var sources: [TokenSource]
}

extension Matrix {
  /// The column of the largest value in a row (the first, on ties): greedy decoding's choice.
  public func argmax(row: Int) -> Int {
    var best = 0
    var bestValue = -Float.infinity
    for c in 0..<columns where values[row * columns + c] > bestValue {
      best = c
      bestValue = values[row * columns + c]
    }
    return best
  }
}
