/// The gradient of a loss with respect to one LSTM layer's weights, shaped as the weights.
///
/// Shapes (I = input size, U = units): `kernel` `[I, 4U]`, `recurrentKernel` `[U, 4U]`,
/// `bias` `[4U]`, blocks in Keras's gate order (input, forget, candidate, output).
/// ```
/// kernel = ∂L/∂W    recurrentKernel = ∂L/∂U    bias = ∂L/∂b
/// ```
public struct LSTMGradients: Equatable, Sendable {
  /// `∂L/∂W`: `[I, 4U]`.
  public var kernel: Matrix
  /// `∂L/∂U`: `[U, 4U]`.
  public var recurrentKernel: Matrix
  /// `∂L/∂b`: `[4U]`.
  public var bias: [Float]

  /// Zero gradients shaped like `layer`'s weights, ready to accumulate into.
  public init(zerosLike layer: LSTM) {
    kernel = Matrix(rows: layer.kernel.rows, columns: layer.kernel.columns)
    recurrentKernel = Matrix(rows: layer.recurrentKernel.rows, columns: layer.recurrentKernel.columns)
    bias = [Float](repeating: 0, count: layer.bias.count)
  }
}

/// The gradients one LSTM step sends back to what it read.
///
/// Shapes: `input` `[B, I]`; `previousHidden` and `previousCell` `[B, U]`.
/// ```
/// input = ∂L/∂x    previousHidden = ∂L/∂h_prev    previousCell = ∂L/∂c_prev
/// ```
public struct LSTMStepInputGradients: Sendable {
  /// `∂L/∂x`, for the layer below (or an embedding).
  public var input: Matrix
  /// `∂L/∂h_prev`, carried to the step before.
  public var previousHidden: Matrix
  /// `∂L/∂c_prev`, carried to the step before.
  public var previousCell: Matrix
}

/// What backpropagating one LSTM step computes before its weight gradients: the gradient
/// of its pre-activations, from which the weight gradients follow, and the gradients it
/// sends back to what it read.
public struct LSTMStepGradient: Sendable {
  /// `dz = ∂L/∂z`, `[B, 4U]` in the gate order of the forward's `z`.
  public var preActivations: Matrix
  /// `∂L/∂x`, `∂L/∂h_prev` and `∂L/∂c_prev`.
  public var inputs: LSTMStepInputGradients
}

/// The gradients a whole LSTM run sends back to what it read.
public struct LSTMSequenceInputGradients: Sendable {
  /// `∂L/∂x` at every position, in time order (not processing order): `[B, I]` each.
  public var inputs: [Matrix]
  /// `∂L/∂(h₀, c₀)`, the gradient of the initial state: `[B, U]` each; `nil` when the
  /// run was told nothing reads it (``LSTM/backward(run:outputGradients:finalStateGradient:into:needsInputGradients:needsInitialStateGradient:)``).
  public var initialState: LSTMState?
}
