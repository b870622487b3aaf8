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
    precondition(parameters.count == firstMoments.count && gradients.count == firstMoments.count, "sizes differ")
    let step = Float(iterations + 1)
    let beta1Power = powf(Float(beta1), step)
    let beta2Power = powf(Float(beta2), step)
    let alpha = learningRate * (1 - beta2Power).squareRoot() / (1 - beta1Power)
    let keepFirst = Float(1 - beta1), keepSecond = Float(1 - beta2), epsilon = Float(self.epsilon)
    // Eight weights at a time through SIMD8: the same IEEE operations in the same order as
    // one at a time (squareRoot is correctly rounded either way), so the same bits, without
    // the call to libm's sqrtf that kept the scalar loop from vectorising.
    parameters.withUnsafeMutableBufferPointer { theta in
      gradients.withUnsafeBufferPointer { gradients in
        firstMoments.withUnsafeMutableBufferPointer { m in
          secondMoments.withUnsafeMutableBufferPointer { v in
            let count = theta.count
            let whole = count - count % 8
            var i = 0
            while i < whole {
              let g = SIMD8<Float>(gradients[i..<i + 8])
              var mean = SIMD8<Float>(m[i..<i + 8])
              var square = SIMD8<Float>(v[i..<i + 8])
              mean += (g - mean) * keepFirst
              square += (g * g - square) * keepSecond
              let step = (mean * alpha) / (square.squareRoot() + epsilon)
              for lane in 0..<8 {
                m[i + lane] = mean[lane]
                v[i + lane] = square[lane]
                theta[i + lane] -= step[lane]
              }
              i += 8
            }
            for k in whole..<count {
              let g = gradients[k]
              m[k] += (g - m[k]) * keepFirst
              v[k] += (g * g - v[k]) * keepSecond
              theta[k] -= (m[k] * alpha) / (v[k].squareRoot() + epsilon)
            }
          }
        }
      }
    }
    iterations += 1
  }
}
