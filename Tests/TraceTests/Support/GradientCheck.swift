// Central finite differences for the gradient checks.
//
// The forward pass runs in Float, so the check is set for Float: ε = 1e-2 (large enough
// that Float's rounding of the loss, ~1e-7 relative, stays a few 1e-6 after dividing by
// 2ε; small enough that the O(ε²) truncation error is as small on these tiny, smooth
// models), the per-pair losses are summed in Double, and an entry passes when
//   |analytic - numeric| ≤ 2e-5 + 1e-2 · max(|analytic|, |numeric|).
// Measured on every entry of every whole-model tensor, |analytic - numeric| never passed
// 7e-6, while a wrong gradient is off by about its own size (1e-4 to 1e-1 here). Each test
// also requires every tensor to have a gradient entry above 5 · 2e-5, so no check passes
// just because everything is near zero. Each tensor has up to 24 entries sampled by a
// seeded generator (all of them when it is smaller).

import Testing

@testable import Trace
@testable import TraceCore

enum GradientCheck {
  static let epsilon: Float = 1e-2
  static let absoluteTolerance = 2e-5
  static let relativeTolerance = 1e-2
  static let samplesPerTensor = 24

  /// The sampled indices of a tensor of `count` elements.
  static func sampledIndices(count: Int, seed: UInt64) -> [Int] {
    guard count > samplesPerTensor else { return Array(0..<count) }
    var generator = SeededGenerator(seed: seed)
    var chosen: [Int] = []
    while chosen.count < samplesPerTensor {
      let index = generator.index(below: count)
      if !chosen.contains(index) { chosen.append(index) }
    }
    return chosen.sorted()
  }

  /// Compares an analytic gradient with central differences at sampled entries; returns
  /// one line per entry that disagrees (empty when all agree).
  ///
  /// `loss(index, delta)` is the loss with entry `index` of the tensor moved by `delta`.
  static func mismatches(
    _ name: String, analytic: [Float], seed: UInt64 = 17, loss: (Int, Float) -> Double
  ) -> [String] {
    var lines: [String] = []
    for index in sampledIndices(count: analytic.count, seed: seed) {
      let numeric = (loss(index, epsilon) - loss(index, -epsilon)) / (2 * Double(epsilon))
      let exact = Double(analytic[index])
      let allowed = absoluteTolerance + relativeTolerance * max(abs(exact), abs(numeric))
      if abs(exact - numeric) > allowed {
        lines.append("\(name)[\(index)]: analytic \(exact), numeric \(numeric)")
      }
    }
    return lines
  }

  /// The mean teacher-forced loss of a token model on a batch, summed in Double (a Float
  /// sum would hide differences as small as the ones the check compares).
  static func teacherForcedLoss(_ model: Seq2SeqModel, sources: [[Int]], targets: [[Int]]) -> Double {
    var unused = SeededGenerator(seed: 0)  // teacher forcing draws nothing
    let pass = model.forward(sources: sources, targets: targets, feeding: .teacherForcing, generator: &unused)
    let losses = pass.decoderSteps.indices.flatMap { step in
      sources.indices.compactMap { pass.loss(step: step, row: $0).map(Double.init) }
    }
    return losses.reduce(0, +) / Double(losses.count)
  }

  /// Checks a whole token model's backward pass on a batch: one gradient per parameter, and
  /// every tensor against central differences of ``teacherForcedLoss(_:sources:targets:)``.
  static func expectWholeModelMatches(
    _ model: Seq2SeqModel, sources: [[Int]], targets: [[Int]], sourceLocation: SourceLocation = #_sourceLocation
  ) {
    var unused = SeededGenerator(seed: 0)
    let pass = model.forward(sources: sources, targets: targets, feeding: .teacherForcing, generator: &unused)
    let gradient = model.backward(pass).flattened
    #expect(gradient.count == model.parameterCount, "one gradient per parameter", sourceLocation: sourceLocation)
    expectEveryTensorMatches(model, gradient: gradient, sourceLocation: sourceLocation) {
      teacherForcedLoss($0, sources: sources, targets: targets)
    }
  }

  /// Checks every parameter tensor of `model` against central differences of `loss`: each
  /// must have an informative gradient and agree with the differences at its sampled entries.
  static func expectEveryTensorMatches(
    _ model: Seq2SeqModel, gradient: [Float], sourceLocation: SourceLocation = #_sourceLocation,
    loss: (Seq2SeqModel) -> Double
  ) {
    let parameters = model.parameterVector
    var failures: [String] = []
    for tensor in model.parameterTensors {
      let analytic = Array(gradient[tensor.range])
      #expect(isInformative(analytic), "\(tensor.name) has a gradient", sourceLocation: sourceLocation)
      failures += mismatches(tensor.name, analytic: analytic) { index, delta in
        var moved = model
        var values = parameters
        values[tensor.offset + index] += delta
        moved.parameterVector = values
        return loss(moved)
      }
    }
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))", sourceLocation: sourceLocation)
  }

  /// Whether a gradient has any entry clearly above the check's noise (a check of an
  /// all-zero gradient proves little).
  static func isInformative(_ gradient: [Float]) -> Bool {
    gradient.contains { abs(Double($0)) > 5 * absoluteTolerance }
  }
}

extension Matrix {
  /// A matrix of uniform values in `[-scale, scale)`.
  static func seededUniform(rows: Int, columns: Int, scale: Float = 1, generator: inout SeededGenerator) -> Matrix {
    Matrix(rows: rows, columns: columns, values: (0..<rows * columns).map { _ in generator.uniform(-scale, scale) })
  }

  /// `Σ self ⊙ other`, in Double: a random linear loss `L = Σ R ⊙ M` has `∂L/∂M = R`.
  func elementwiseDot(_ other: Matrix) -> Double {
    precondition(values.count == other.values.count, "shapes differ")
    var sum = 0.0
    for i in values.indices { sum += Double(values[i]) * Double(other.values[i]) }
    return sum
  }
}
