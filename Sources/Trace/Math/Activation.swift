// The element-wise activations an LSTM and a Dense layer use, with the derivatives
// backpropagation needs, written in terms of the activation's *output* where that is
// exact (sigmoid, tanh, relu), so a backward step needs only what the forward cached.

import Foundation

/// An element-wise activation function, named as Keras names it.
public enum Activation: String, Codable, Sendable, CaseIterable {
  /// `σ(x) = 1 / (1 + e^(-x))`, Keras's default recurrent activation.
  case sigmoid
  /// `tanh(x)`, Keras's default LSTM activation.
  case tanh
  /// `max(0, x)`.
  case relu
  /// `x`, unchanged.
  case linear

  /// The activation of one value.
  @inlinable
  public func callAsFunction(_ x: Float) -> Float {
    switch self {
    case .sigmoid:
      // Split by sign so exp never overflows.
      if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
      let e = Foundation.exp(x)
      return e / (1 + e)
    case .tanh: return Foundation.tanh(x)
    case .relu: return max(0, x)
    case .linear: return x
    }
  }

  /// The derivative at the point whose activation is `y`.
  ///
  /// ```
  /// sigmoid: y (1 - y)    tanh: 1 - y²    relu: y > 0 ? 1 : 0    linear: 1
  /// ```
  @inlinable
  public func derivative(fromOutput y: Float) -> Float {
    switch self {
    case .sigmoid: return y * (1 - y)
    case .tanh: return 1 - y * y
    case .relu: return y > 0 ? 1 : 0
    case .linear: return 1
    }
  }

  /// The activation applied to every element of `matrix`.
  public func callAsFunction(_ matrix: Matrix) -> Matrix {
    matrix.map { self($0) }
  }
}
