// The activations' loops over raw memory, eight lanes at a time where that is written
// out: what the LSTM step and its backward run on their gate blocks. Each computes exactly
// what `Activation.callAsFunction(_:)` and `derivative(fromOutput:)` compute for one value
// (ActivationTests pin them bit for bit), so moving between them changes no trained weight.

extension Activation {
  /// Writes the activation of `count` values read from `source` to `target`.
  ///
  /// The same function as `self(x)`, value for value; the choice of function is made once
  /// for the whole run rather than once per value, so the loop itself has no branch.
  @inlinable
  public func apply(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
    switch self {
    case .sigmoid: for k in 0..<count { target[k] = Activation.sigmoid(source[k]) }
    case .tanh: for k in 0..<count { target[k] = Activation.hyperbolicTangent(source[k]) }
    case .relu: for k in 0..<count { target[k] = max(0, source[k]) }
    case .linear: for k in 0..<count { target[k] = source[k] }
    }
  }

  /// Replaces each of `count` values from `values` on by its activation: ``apply(_:to:count:)``
  /// with the source as the target. A loop of its own, because the compiler vectorises
  /// `apply` only after checking at run time that source and target do not overlap, and
  /// runs it one value at a time when they are the same.
  @inlinable
  public func applyInPlace(_ values: UnsafeMutablePointer<Float>, count: Int) {
    switch self {
    case .sigmoid: for k in 0..<count { values[k] = Activation.sigmoid(values[k]) }
    case .tanh: for k in 0..<count { values[k] = Activation.hyperbolicTangent(values[k]) }
    case .relu: for k in 0..<count { values[k] = max(0, values[k]) }
    case .linear: break
    }
  }

  /// The derivative at each of eight outputs: the same operations as
  /// ``derivative(fromOutput:)`` in every lane.
  @inlinable @inline(__always)
  public func derivative(fromOutputs y: SIMD8<Float>) -> SIMD8<Float> {
    switch self {
    case .sigmoid: return y * (1 - y)
    case .tanh: return 1 - y * y
    case .relu: return SIMD8<Float>(repeating: 0).replacing(with: 1, where: y .> 0)
    case .linear: return SIMD8<Float>(repeating: 1)
    }
  }

  /// Writes the derivative at each of `count` outputs read from `outputs` to `target`, the
  /// same values as ``derivative(fromOutput:)`` with the choice made once for the run.
  @inlinable
  public func derivatives(fromOutputs outputs: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
    switch self {
    case .sigmoid: for k in 0..<count { target[k] = outputs[k] * (1 - outputs[k]) }
    case .tanh: for k in 0..<count { target[k] = 1 - outputs[k] * outputs[k] }
    case .relu: for k in 0..<count { target[k] = outputs[k] > 0 ? 1 : 0 }
    case .linear: for k in 0..<count { target[k] = 1 }
    }
  }
}
