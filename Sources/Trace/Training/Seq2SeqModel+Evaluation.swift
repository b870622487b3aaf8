// Measuring a model on held-out examples: the teacher-forced loss and accuracy (what the
// training objective sees) and greedy free-running decoding (what a user sees).

extension Seq2SeqModel {
  /// The validation metrics of `examples`, run in batches of `batchSize`.
  ///
  /// ```
  /// loss                          = mean -log p(target) over counted pairs, teacher-forced
  /// teacherForcedCharacterAccuracy = right argmaxes / counted pairs, teacher-forced
  /// freeRunningCharacterAccuracy   = target tokens matched at their step / target tokens
  /// exactMatch                     = decodes equal to their whole target / examples
  /// ```
  /// A model whose decoder is bidirectional cannot decode free-running: its two free-running
  /// measures are `nil`. Returns `nil` when there are no examples.
  public func evaluate(_ examples: [TrainingExample], batchSize: Int = 256) -> ValidationMetrics? {
    guard !examples.isEmpty else { return nil }
    let kind = configuration.kind
    switch kind.decoderOutput {
    case .values: return evaluateForecasts(examples, batchSize: batchSize)
    case .tokens: break
    }
    let decodesFreeRunning = kind.decoding == .freeRunning
    var lossSum = 0.0
    var countedPairs = 0
    var teacherForcedRight = 0
    var freeRunningRight = 0
    var targetTokens = 0
    var exact = 0
    var unused = SeededGenerator(seed: 0)  // neither decode draws anything
    for start in stride(from: 0, to: examples.count, by: max(1, batchSize)) {
      let batch = self.batch(examples[start..<min(start + batchSize, examples.count)])
      let forced = forward(sources: batch.sources, targets: batch.targets, feeding: .teacherForcing, generator: &unused)
      for (step, cache) in forced.decoderSteps.enumerated() {
        for row in cache.targets.indices {
          guard let target = cache.targets[row], let loss = forced.loss(step: step, row: row) else { continue }
          lossSum += Double(loss)
          countedPairs += 1
          if cache.predictions[row] == target { teacherForcedRight += 1 }
        }
      }
      guard decodesFreeRunning else { continue }
      // A decoder that reads no tokens computes the same steps whatever it is fed: its
      // teacher-forced pass is already its free-running one.
      let free =
        kind.decoderReadsTokens
        ? forward(sources: batch.sources, feeding: .freeRunning, generator: &unused) : forced
      for (row, target) in batch.targets.enumerated() {
        let decodedLength = kind.stopsAtEndToken ? free.stepCounts[row] : free.decoderSteps.count
        var right = 0
        for (step, token) in target.enumerated() where step < decodedLength {
          if free.decoderSteps[step].predictions[row] == token { right += 1 }
        }
        freeRunningRight += right
        targetTokens += target.count
        if right == target.count && decodedLength == target.count { exact += 1 }
      }
    }
    return ValidationMetrics(
      loss: countedPairs == 0 ? 0 : Float(lossSum / Double(countedPairs)),
      teacherForcedCharacterAccuracy: countedPairs == 0 ? 0 : Float(teacherForcedRight) / Float(countedPairs),
      freeRunningCharacterAccuracy: decodesFreeRunning
        ? (targetTokens == 0 ? 0 : Float(freeRunningRight) / Float(targetTokens)) : nil,
      exactMatch: decodesFreeRunning ? Float(exact) / Float(examples.count) : nil)
  }
}

extension Seq2SeqModel {
  /// A series model's validation metrics: ``ForecastMetrics`` beside the naive forecast
  /// that repeats each series' last input value, and the mean squared error as the loss.
  func evaluateForecasts(_ examples: [TrainingExample], batchSize: Int) -> ValidationMetrics {
    let width = configuration.valuesPerStep
    var squared = 0.0, absolute = 0.0, naiveSquared = 0.0, naiveAbsolute = 0.0
    var count = 0
    var unused = SeededGenerator(seed: 0)  // a forecast draws nothing
    for start in stride(from: 0, to: examples.count, by: max(1, batchSize)) {
      let rows = examples[start..<min(start + batchSize, examples.count)]
      let pass = forward(batch(rows), feeding: .freeRunning, generator: &unused)
      for (row, example) in rows.enumerated() {
        let source = example.sourceValues ?? [], target = example.targetValues ?? []
        let last = Array(source.suffix(width))
        for (step, cache) in pass.decoderSteps.enumerated() {
          guard let predicted = cache.predictedValues else { continue }
          for value in 0..<width where step * width + value < target.count {
            let truth = Double(target[step * width + value])
            let error = Double(predicted[row, value]) - truth
            let naiveError = Double(last.count == width ? last[value] : 0) - truth
            squared += error * error
            absolute += abs(error)
            naiveSquared += naiveError * naiveError
            naiveAbsolute += abs(naiveError)
            count += 1
          }
        }
      }
    }
    let n = Double(max(count, 1))
    let metrics = ForecastMetrics(
      meanSquaredError: Float(squared / n), rootMeanSquaredError: Float((squared / n).squareRoot()),
      meanAbsoluteError: Float(absolute / n), naiveRootMeanSquaredError: Float((naiveSquared / n).squareRoot()),
      naiveMeanAbsoluteError: Float(naiveAbsolute / n))
    return ValidationMetrics(
      loss: metrics.meanSquaredError, teacherForcedCharacterAccuracy: 0, freeRunningCharacterAccuracy: 0, exactMatch: 0,
      forecast: metrics)
  }
}
