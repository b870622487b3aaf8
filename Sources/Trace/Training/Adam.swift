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
    // The weights are cut in two halves updated at once (BothCores); each weight's update
    // reads only its own gradient and moments, so the cut changes no bit.
    parameters.withUnsafeMutableBufferPointer { theta in
      gradients.withUnsafeBufferPointer { gradients in
        firstMoments.withUnsafeMutableBufferPointer { m in
          secondMoments.withUnsafeMutableBufferPointer { v in
            nonisolated(unsafe) let (theta, gradients, m, v) = (theta, gradients, m, v)
            let count = theta.count
            let middle = count >= Adam.smallestSplit ? (count / 2) & ~7 : count
            _ = BothCores.run(middle < count ? 2 : 1) { piece in
              let range = piece == 0 ? 0..<middle : middle..<count
              Adam.update(
                range, theta: theta, gradients: gradients, m: m, v: v,
                alpha: alpha, keepFirst: keepFirst, keepSecond: keepSecond, epsilon: epsilon)
            }
          }
        }
      }
    }
    iterations += 1
  }

  /// Below this many weights, the update runs on one core: waking a second costs more.
  static let smallestSplit = 16_384

  /// The update of the weights in `range`, eight at a time, then one at a time.
  ///
  /// Eight at a time through SIMD8: the same IEEE operations in the same order as one at a
  /// time (squareRoot is correctly rounded either way), so the same bits, without the call to
  /// libm's sqrtf that kept the scalar loop from vectorising. Each eight are loaded and stored
  /// whole through raw pointers; building a SIMD8 from an array slice and writing it back lane
  /// by lane cost more than the arithmetic.
  private static func update(
    _ range: Range<Int>, theta: UnsafeMutableBufferPointer<Float>, gradients: UnsafeBufferPointer<Float>,
    m: UnsafeMutableBufferPointer<Float>, v: UnsafeMutableBufferPointer<Float>,
    alpha: Float, keepFirst: Float, keepSecond: Float, epsilon: Float
  ) {
    let whole = range.lowerBound + (range.count - range.count % 8)
    let thetaBytes = UnsafeMutableRawPointer(theta.baseAddress)
    let gradientBytes = UnsafeRawPointer(gradients.baseAddress)
    let meanBytes = UnsafeMutableRawPointer(m.baseAddress)
    let squareBytes = UnsafeMutableRawPointer(v.baseAddress)
    let stride = MemoryLayout<Float>.stride
    var i = range.lowerBound
    while i < whole {
      let at = i * stride
      let g = gradientBytes!.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self)
      var mean = meanBytes!.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self)
      var square = squareBytes!.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self)
      mean += (g - mean) * keepFirst
      square += (g * g - square) * keepSecond
      let step = (mean * alpha) / (square.squareRoot() + epsilon)
      let weights = thetaBytes!.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self) - step
      meanBytes!.storeBytes(of: mean, toByteOffset: at, as: SIMD8<Float>.self)
      squareBytes!.storeBytes(of: square, toByteOffset: at, as: SIMD8<Float>.self)
      thetaBytes!.storeBytes(of: weights, toByteOffset: at, as: SIMD8<Float>.self)
      i += 8
    }
    for k in whole..<range.upperBound {
      let g = gradients[k]
      m[k] += (g - m[k]) * keepFirst
      v[k] += (g * g - v[k]) * keepSecond
      theta[k] -= (m[k] * alpha) / (v[k].squareRoot() + epsilon)
    }
  }
}
