/// A fully connected layer applied to every decoder step (Keras `Dense`, wrapped in
/// `TimeDistributed` when it follows a sequence).
///
/// Shapes: `kernel` `[I, N]`, `bias` `[N]`; input `[B, I]`, output `[B, N]`.
/// ```
/// y = activation(x·W + b)
/// ```
public struct Dense: Equatable, Sendable {
  /// `W`: `[I, N]`.
  public var kernel: Matrix
  /// `b`: `[N]`.
  public var bias: [Float]
  /// What is applied to `x·W + b`.
  public var activation: DenseActivation
  /// How the product and the softmax are computed (not stored in a checkpoint).
  public var arithmetic: Arithmetic = .platform

  /// A layer with the given weights.
  public init(kernel: Matrix, bias: [Float], activation: DenseActivation) {
    precondition(bias.count == kernel.columns, "bias must have one value per output")
    self.kernel = kernel
    self.bias = bias
    self.activation = activation
  }

  /// The number of trainable parameters: `N(I + 1)`.
  public var parameterCount: Int { kernel.columns * (kernel.rows + 1) }

  /// The layer's output for a batch of inputs.
  public func callAsFunction(_ input: Matrix) -> Matrix {
    var output = Matrix(rows: input.rows, columns: kernel.columns)
    Matrix.multiply(input, kernel, into: &output, accumulate: false, arithmetic: arithmetic)  // [B, I]·[I, N]
    output.addToEveryRow(bias)
    switch activation {
    case .softmax: return output.softmaxRows(arithmetic: arithmetic)
    case .linear: return output
    }
  }
}

/// The activations a Dense output layer may end in.
public enum DenseActivation: String, Sendable {
  /// A probability distribution over the vocabulary.
  case softmax
  /// The raw values (for real-valued outputs).
  case linear
}

extension Matrix {
  /// Softmax of every row, shifted by the row's maximum so `exp` never overflows.
  public func softmaxRows(arithmetic: Arithmetic = .platform) -> Matrix {
    var result = self
    for r in 0..<rows {
      let range = r * columns..<(r + 1) * columns
      let largest = values[range].max() ?? 0
      var sum: Float = 0
      for i in range {
        let e = arithmetic.exponential(values[i] - largest)
        result.values[i] = e
        sum += e
      }
      for i in range { result.values[i] /= sum }
    }
    return result
  }
}

#if !hasFeature(Embedded)
  extension DenseActivation: Codable {}
#endif
