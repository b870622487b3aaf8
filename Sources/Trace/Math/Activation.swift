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
    case .sigmoid: return Activation.sigmoid(x)
    case .tanh: return Foundation.tanh(x)
    case .relu: return max(0, x)
    case .linear: return x
    }
  }

  /// `σ(x)`, split by sign so exp never overflows.
  @inlinable
  public static func sigmoid(_ x: Float) -> Float {
    if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
    let e = Foundation.exp(x)
    return e / (1 + e)
  }

  /// Writes the activation of `count` values read from `source` to `target`.
  ///
  /// The same function as `self(x)`, value for value; the choice of function is made once
  /// for the whole run rather than once per value, so the loop itself has no branch.
  @inlinable
  public func apply(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
    switch self {
    case .sigmoid: for k in 0..<count { target[k] = Activation.sigmoid(source[k]) }
    case .tanh: for k in 0..<count { target[k] = Foundation.tanh(source[k]) }
    case .relu: for k in 0..<count { target[k] = max(0, source[k]) }
    case .linear: for k in 0..<count { target[k] = source[k] }
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

  /// The activation applied to every element of `matrix`.
  public func callAsFunction(_ matrix: Matrix) -> Matrix {
    self(matrix, columns: 0..<matrix.columns)
  }

  /// The activation of the columns `columns` of every row of `matrix`, as a
  /// `[rows, columns.count]` matrix (one gate's block of an LSTM's pre-activations).
  public func callAsFunction(_ matrix: Matrix, columns: Range<Int>) -> Matrix {
    precondition(columns.lowerBound >= 0 && columns.upperBound <= matrix.columns, "columns out of range")
    var result = Matrix(rows: matrix.rows, columns: columns.count)
    guard !result.values.isEmpty else { return result }  // an empty buffer may have no address
    matrix.values.withUnsafeBufferPointer { source in
      result.values.withUnsafeMutableBufferPointer { target in
        for row in 0..<matrix.rows {
          apply(
            source.baseAddress! + row * matrix.columns + columns.lowerBound,
            to: target.baseAddress! + row * columns.count, count: columns.count)
        }
      }
    }
    return result
  }

  /// The derivative at every element of `outputs`, a matrix of this activation's outputs.
  public func derivative(fromOutputs outputs: Matrix) -> Matrix {
    var result = Matrix(rows: outputs.rows, columns: outputs.columns)
    guard !result.values.isEmpty else { return result }  // an empty buffer may have no address
    outputs.values.withUnsafeBufferPointer { source in
      result.values.withUnsafeMutableBufferPointer { target in
        derivatives(fromOutputs: source.baseAddress!, to: target.baseAddress!, count: source.count)
      }
    }
    return result
  }
}
