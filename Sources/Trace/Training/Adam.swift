// Adam (Kingma and Ba 2015), exactly as Keras 3 computes it (keras/src/optimizers/adam.py):
// the bias correction is folded into the step size alpha, and epsilon is added to
// sqrt(v), not to the bias-corrected v. Arithmetic is in Float as Keras's float32
// variables are; constants written `1 - β` are formed in Double first, as Python does
// before Keras casts them. Goals, in order: correct, readable, fast.

import Foundation

/// Adam with Keras 3's defaults and update rule.
///
/// At step `t = 1, 2, ...`, for every weight θ with gradient `g`:
/// ```
/// alpha = lr · sqrt(1 - β₂ᵗ) / (1 - β₁ᵗ)
/// m ← m + (g - m)(1 - β₁)
/// v ← v + (g² - v)(1 - β₂)
/// θ ← θ - alpha · m / (sqrt(v) + ε)
/// ```
public struct Adam: Optimizer, Equatable {
  /// Keras's default learning rate, 0.001.
  public static let defaultLearningRate: Float = 0.001

  /// `lr`.
  public var learningRate: Float
  /// `β₁`, the decay of the gradient's running mean (Keras: 0.9).
  public var beta1: Double
  /// `β₂`, the decay of the squared gradient's running mean (Keras: 0.999).
  public var beta2: Double
  /// `ε`, which keeps the division finite (Keras: 1e-7).
  public var epsilon: Double
  /// Updates applied so far (Keras `iterations`).
  public private(set) var iterations: Int = 0
  /// `m`, the running mean of each gradient.
  public private(set) var firstMoments: [Float]
  /// `v`, the running mean of each squared gradient.
  public private(set) var secondMoments: [Float]

  /// An optimizer for `parameterCount` weights, with Keras's defaults unless given.
  public init(
    parameterCount: Int, learningRate: Float = Adam.defaultLearningRate, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-7
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    firstMoments = [Float](repeating: 0, count: parameterCount)
    secondMoments = [Float](repeating: 0, count: parameterCount)
  }

  /// Applies one Adam step.
  public mutating func update(_ parameters: inout [Float], gradients: [Float]) {
    parameters.withUnsafeMutableBufferPointer { update([$0], gradients: gradients) }
  }

  /// Applies one Adam step to the model's weights where they are: the same arithmetic as
  /// ``update(_:gradients:)`` on its ``Seq2SeqModel/parameterVector``, without gathering the
  /// weights into a vector and writing them back.
  public mutating func update(_ model: inout Seq2SeqModel, gradients: [Float]) {
    model.withParameterBuffers { update($0, gradients: gradients) }
  }

  /// One step over `tensors`, the weights laid end to end as the gradients and moments are.
  /// A long vector is cut at its middle and the two halves are updated at once (BothCores),
  /// each core writing its own half of the weights (the half of the model it then reads from
  /// its own cache). Each weight's update reads only its own gradient and moments, so the cut
  /// changes no bit.
  private mutating func update(_ tensors: [UnsafeMutableBufferPointer<Float>], gradients: [Float]) {
    let sizes = tensors.map(\.count)
    let count = firstMoments.count
    precondition(sizes.reduce(0, +) == count && gradients.count == count, "sizes differ")
    let step = nextStep()
    let middle = count >= Adam.smallestSplit ? (count / 2) & ~7 : count
    let pieces = middle < count ? [0..<middle, middle..<count] : [0..<count]
    gradients.withUnsafeBufferPointer { gradients in
      firstMoments.withUnsafeMutableBufferPointer { m in
        secondMoments.withUnsafeMutableBufferPointer { v in
          nonisolated(unsafe) let (tensors, g, m, v) = (tensors, gradients.baseAddress, m.baseAddress, v.baseAddress)
          _ = BothCores.run(pieces.count) { piece in
            forEachOverlap(ofTensorSizes: sizes, with: pieces[piece]) { tensor, within, start in
              Adam.update(
                count: within.count, theta: tensors[tensor].baseAddress! + within.lowerBound, gradients: g! + start,
                m: m! + start, v: v! + start, step: step)
            }
          }
        }
      }
    }
  }

  /// The constants of the next step, counting it.
  private mutating func nextStep() -> Step {
    let step = Float(iterations + 1)
    let beta1Power = powf(Float(beta1), step)
    let beta2Power = powf(Float(beta2), step)
    iterations += 1
    return Step(
      alpha: learningRate * (1 - beta2Power).squareRoot() / (1 - beta1Power), keepFirst: Float(1 - beta1),
      keepSecond: Float(1 - beta2), epsilon: Float(epsilon))
  }

  /// What every weight's update of one step shares.
  struct Step {
    var alpha: Float
    var keepFirst: Float
    var keepSecond: Float
    var epsilon: Float
  }

  /// Below this many weights, the update runs on one core: waking a second costs more.
  static let smallestSplit = 16_384
}
