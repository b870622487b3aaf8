// Adam's update over raw memory, eight weights at a time: the fast form of the rule in
// Adam.swift's doc comment, the same operations in the same order for every weight
// (OptimizerTests pin it to Keras's steps), with CVectorMath's exact eight-lane square root.

import CVectorMath

extension Adam {
  /// The update of `count` weights from `theta` on (their gradients and moments from the
  /// given addresses on), eight at a time, then one at a time.
  ///
  /// Eight at a time through SIMD8: the same IEEE operations in the same order as one at a
  /// time (the square root is correctly rounded either way), so the same bits, without the
  /// call to libm's sqrtf that kept the scalar loop from vectorising. The square root is
  /// CVectorMath's, one instruction for eight lanes: SIMD8's own `squareRoot()` takes eight
  /// scalar square roots, and was most of the update's time. Each eight are loaded and stored
  /// whole through raw pointers; building a SIMD8 from an array slice and writing it back lane
  /// by lane cost more than the arithmetic.
  static func update(
    count: Int, theta: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>,
    m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>, step: Step
  ) {
    let (alpha, keepFirst, keepSecond, epsilon) = (step.alpha, step.keepFirst, step.keepSecond, step.epsilon)
    let whole = count - count % 8
    let thetaBytes = UnsafeMutableRawPointer(theta)
    let gradientBytes = UnsafeRawPointer(gradients)
    let meanBytes = UnsafeMutableRawPointer(m)
    let squareBytes = UnsafeMutableRawPointer(v)
    let stride = MemoryLayout<Float>.stride
    var i = 0
    while i < whole {
      let at = i * stride
      let g = gradientBytes.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self)
      var mean = meanBytes.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self)
      var square = squareBytes.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self)
      mean += (g - mean) * keepFirst
      square += (g * g - square) * keepSecond
      let step = (mean * alpha) / (unrolled_square_root8(square) + epsilon)
      let weights = thetaBytes.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self) - step
      meanBytes.storeBytes(of: mean, toByteOffset: at, as: SIMD8<Float>.self)
      squareBytes.storeBytes(of: square, toByteOffset: at, as: SIMD8<Float>.self)
      thetaBytes.storeBytes(of: weights, toByteOffset: at, as: SIMD8<Float>.self)
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
