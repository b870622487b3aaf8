// The two halves' gradients of a batch summed into one flat vector by both cores, with the
// finiteness test done in the same pass: the fast form of
//   ∂L = (n₁/N) ∂L₁ + (n₂/N) ∂L₂
// (Seq2SeqModel+BatchGradient.swift), value by value the same operations in the same order
// as adding each weighted half to a vector of zeros (TrainingTests pin it).

extension Seq2SeqModel {
  /// `(0 + w₁·a) + w₂·b`, value by value, for two sets of gradient tensors `a` and `b` of
  /// `count` values in all, as one flat vector, and whether every value of it is finite.
  ///
  /// Read tensor by tensor from the two halves and written straight into the flat vector: per
  /// value the same operations in the same order as adding each weighted half to a vector of
  /// zeros. A vector of at least ``smallestSplitSum`` values is cut at its middle and the two
  /// pieces are written at once (BothCores); each is tested for values that are not finite as
  /// it is written (``GradientClipping/nonFiniteCarry(_:)``, the test of
  /// ``GradientClipping/allFinite(_:)``), which spares the trainer a pass of its own.
  static func weightedSum(
    _ first: [[Float]], weight firstWeight: Float, _ second: [[Float]], weight secondWeight: Float, count: Int
  ) -> (sum: [Float], allFinite: Bool) {
    let sizes = first.map(\.count)
    precondition(sizes.reduce(0, +) == count, "the gradients do not match the model's \(count) weights")
    precondition(second.map(\.count) == sizes, "the two halves' gradients differ in shape")
    let pieces = count >= smallestSplitSum ? [0..<count / 2, count / 2..<count] : [0..<count]
    var finite = true
    let sum = [Float](unsafeUninitializedCapacity: count) { sum, written in
      nonisolated(unsafe) let sum = sum
      let carries = BothCores.run(pieces.count) { piece -> UInt32 in
        var carries: UInt32 = 0
        forEachOverlap(ofTensorSizes: sizes, with: pieces[piece]) { tensor, within, start in
          first[tensor].withUnsafeBufferPointer { a in
            second[tensor].withUnsafeBufferPointer { b in
              let (a, b) = (a.baseAddress! + within.lowerBound, b.baseAddress! + within.lowerBound)
              let target = sum.baseAddress! + start
              for i in 0..<within.count {
                let value = (0 + a[i] * firstWeight) + b[i] * secondWeight
                target[i] = value
                carries |= GradientClipping.nonFiniteCarry(value)
              }
            }
          }
        }
        return carries
      }
      finite = carries.allSatisfy { $0 == 0 }
      written = count
    }
    return (sum, finite)
  }

  /// A gradient vector at least this long is summed by both cores.
  static let smallestSplitSum = 16_384
}
