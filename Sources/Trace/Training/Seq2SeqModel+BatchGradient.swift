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
  /// Whether every value of ``gradients`` is finite (``GradientClipping/allFinite(_:)``),
  /// found while they were summed rather than in a pass of its own.
  public var gradientsAreFinite: Bool
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
    let parts = BothCores.run(halves.count) { index -> HalfGradient? in
      var sampler = SeededGenerator(seed: seeds[index])
      let pass = forward(batch(halves[index]), feeding: feeding, generator: &sampler)
      let pairs = pass.countedPairs
      guard pairs > 0 else { return nil }
      return HalfGradient(
        loss: pass.trainingLoss ?? 0, pairs: pairs, rightPredictions: pass.rightPredictions,
        tensors: backward(pass).tensors)
    }
    let counted = parts.compactMap { $0 }
    guard counted.count == 2 else {
      // The only half that counts: its mean is the batch's. Neither: nothing to learn.
      guard let only = counted.first else {
        return BatchGradient(
          loss: 0, pairs: 0, rightPredictions: 0, gradients: [Float](repeating: 0, count: parameterCount),
          gradientsAreFinite: true)
      }
      let gradients = Array(only.tensors.joined())
      return BatchGradient(
        loss: only.loss, pairs: only.pairs, rightPredictions: only.rightPredictions, gradients: gradients,
        gradientsAreFinite: GradientClipping.allFinite(gradients))
    }
    let (first, second) = (counted[0], counted[1])
    let pairs = first.pairs + second.pairs
    let firstWeight = Float(first.pairs) / Float(pairs)
    let secondWeight = Float(second.pairs) / Float(pairs)
    let (sum, finite) = Seq2SeqModel.weightedSum(
      first.tensors, weight: firstWeight, second.tensors, weight: secondWeight, count: parameterCount)
    return BatchGradient(
      loss: (0 + first.loss * firstWeight) + second.loss * secondWeight, pairs: pairs,
      rightPredictions: first.rightPredictions + second.rightPredictions, gradients: sum, gradientsAreFinite: finite)
  }
}

/// One half's loss, counts and gradient tensors (``Seq2SeqGradients/tensors``).
private struct HalfGradient: Sendable {
  var loss: Float
  var pairs: Int
  var rightPredictions: Int
  var tensors: [[Float]]
}
