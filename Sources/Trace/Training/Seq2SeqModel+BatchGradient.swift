// The loss and gradient of one training batch, computed in two halves at once, one per core
// (BothCores): what Trainer applies at every update.
//
// A half's loss is the mean over its own counted pairs, so the batch's is
//   L = (n₁ L₁ + n₂ L₂) / (n₁ + n₂)      ∂L = (n₁/N) ∂L₁ + (n₂/N) ∂L₂      N = n₁ + n₂
// the same mean as one pass over the whole batch, rounded differently. The cut (the first
// half, rounded up, and the rest) and each half's sampling stream depend only on the batch,
// never on the machine, so the same seed gives the same weights on one core or two.

/// A batch's training loss, the pairs it averages over, and its gradient.
public struct BatchGradient: Sendable {
  /// The mean training loss over the batch's counted pairs (0 when none counts).
  public var loss: Float
  /// The (step, row) pairs the loss averages over (``Seq2SeqForward/countedPairs``).
  public var pairs: Int
  /// How many of those pairs the model predicted right (``Seq2SeqForward/rightPredictions``).
  public var rightPredictions: Int
  /// The gradient of ``loss``, laid out as ``Seq2SeqModel/parameterVector``.
  public var gradients: [Float]
}

extension Seq2SeqModel {
  /// A batch of at least this many examples is cut in two halves, one per core; a smaller
  /// one is too little work to share.
  public static let smallestSplitBatch = 8

  /// The loss and gradient of `examples` as one batch, fed as `feeding` says.
  ///
  /// Each half draws its scheduled-sampling choices from a stream seeded, in order, by the
  /// next values of `generator`.
  public func batchGradient(
    _ examples: [TrainingExample], feeding: DecoderFeeding, generator: inout SeededGenerator
  ) -> BatchGradient {
    let middle = (examples.count + 1) / 2
    let halves =
      examples.count >= Seq2SeqModel.smallestSplitBatch ? [examples[..<middle], examples[middle...]] : [examples[...]]
    let seeds = halves.map { _ in generator.next() }
    let parts = BothCores.run(halves.count) { index -> BatchGradient? in
      var sampler = SeededGenerator(seed: seeds[index])
      let pass = forward(batch(halves[index]), feeding: feeding, generator: &sampler)
      let pairs = pass.countedPairs
      guard pairs > 0 else { return nil }
      return BatchGradient(
        loss: pass.trainingLoss ?? 0, pairs: pairs, rightPredictions: pass.rightPredictions,
        gradients: backward(pass).flattened)
    }
    let counted = parts.compactMap { $0 }
    if counted.count == 1 { return counted[0] }  // the only half that counts: its mean is the batch's
    let pairs = counted.reduce(0) { $0 + $1.pairs }
    var result = BatchGradient(
      loss: 0, pairs: pairs, rightPredictions: counted.reduce(0) { $0 + $1.rightPredictions },
      gradients: [Float](repeating: 0, count: parameterCount))
    for part in counted {
      let weight = Float(part.pairs) / Float(pairs)
      result.loss += part.loss * weight
      result.gradients.withUnsafeMutableBufferPointer { sum in
        part.gradients.withUnsafeBufferPointer { half in
          for i in 0..<sum.count { sum[i] += half[i] * weight }
        }
      }
    }
    return result
  }
}
