// Clipping by global norm, as Keras's `global_clipnorm` (keras/src/optimizers/
// base_optimizer.py, clip_by_global_norm; Pascanu et al. 2013): every gradient is scaled
// by one factor so their joint L2 norm is at most the clip norm. Directions are kept.

/// Gradient clipping by the norm of all gradients together.
public enum GradientClipping {
  /// Scales `gradients` so their global norm is at most `clipNorm`; returns the norm
  /// before clipping.
  ///
  /// ```
  /// n = sqrt(Σ g²)
  /// g ← g · clipNorm · min(1/n, 1/clipNorm)        (Keras's formula: a no-op when n ≤ clipNorm)
  /// ```
  /// A NaN or infinite norm makes every gradient NaN, as in Keras, so the caller sees it.
  @discardableResult
  public static func clipByGlobalNorm(_ gradients: inout [Float], clipNorm: Float) -> Float {
    precondition(clipNorm > 0, "the clip norm must be positive")
    let norm = Float(gradients.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
    let scale = clipNorm * min(1 / norm, 1 / clipNorm) + (norm - norm)
    for i in gradients.indices { gradients[i] *= scale }
    return norm
  }

  /// Whether every gradient is finite (no NaN, no infinity).
  ///
  /// A float is not finite when its eight exponent bits are all ones; adding one to that
  /// field then carries into the sign bit. So the test is integer arithmetic OR-ed over the
  /// whole vector, which the compiler vectorises.
  public static func allFinite(_ gradients: [Float]) -> Bool {
    gradients.withUnsafeBufferPointer { values in
      var carries: UInt32 = 0
      for value in values { carries |= nonFiniteCarry(value) }
      return carries == 0
    }
  }

  /// Nonzero exactly when `value` is NaN or infinite: the carry out of its exponent field
  /// when one is added to it (see ``allFinite(_:)``). OR-ed over many values, it tests them all.
  @inlinable @inline(__always)
  public static func nonFiniteCarry(_ value: Float) -> UInt32 {
    ((value.bitPattern & 0x7F80_0000) &+ 0x0080_0000) & 0x8000_0000
  }
}
