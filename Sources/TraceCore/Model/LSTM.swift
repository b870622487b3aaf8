// A long short-term memory layer with exactly Keras 3's semantics (keras.layers.LSTM):
// gates in the order input, forget, cell candidate, output; one fused kernel per input
// kind; sigmoid recurrent activation and tanh activation by default.
// References: Hochreiter and Schmidhuber 1997; Gers et al. 2000 (forget gate); the
// Keras LSTMCell source. Goals, in order: correct, readable, fast.

/// An LSTM layer's weights and options, shaped as Keras stores them.
///
/// Shapes (I = input size, U = units): `kernel` `[I, 4U]`, `recurrentKernel` `[U, 4U]`,
/// `bias` `[4U]`; the four blocks of `4U` columns are, in order, the input gate, the
/// forget gate, the cell candidate and the output gate.
public struct LSTM: Equatable, Sendable {
  /// The number of units U: the size of the hidden and cell states.
  public var units: Int
  /// `W`, applied to the step's input: `[I, 4U]`.
  public var kernel: Matrix
  /// `U`, applied to the previous hidden state: `[U, 4U]`.
  public var recurrentKernel: Matrix
  /// `b`, added to every step: `[4U]`.
  public var bias: [Float]
  /// The activation of the candidate and of the cell on its way out (Keras `activation`).
  public var activation: Activation
  /// The activation of the three gates (Keras `recurrent_activation`).
  public var recurrentActivation: Activation
  /// Whether the layer reads its input from the last step to the first.
  public var goBackwards: Bool
  /// How the layer's products are computed (not stored in a checkpoint): ``Arithmetic/platform``
  /// for training, ``Arithmetic/portable`` for a recording.
  public var arithmetic: Arithmetic = .platform

  /// The size I of the vectors the layer reads.
  public var inputSize: Int { kernel.rows }

  /// A layer with the given weights.
  public init(
    kernel: Matrix, recurrentKernel: Matrix, bias: [Float],
    activation: Activation = .tanh, recurrentActivation: Activation = .sigmoid,
    goBackwards: Bool = false
  ) {
    let units = recurrentKernel.rows
    precondition(recurrentKernel.columns == 4 * units, "recurrent kernel must be [U, 4U]")
    precondition(kernel.columns == 4 * units, "kernel must be [I, 4U]")
    precondition(bias.count == 4 * units, "bias must be [4U]")
    self.units = units
    self.kernel = kernel
    self.recurrentKernel = recurrentKernel
    self.bias = bias
    self.activation = activation
    self.recurrentActivation = recurrentActivation
    self.goBackwards = goBackwards
  }

  /// The number of trainable parameters: `4U(I + U + 1)`.
  public var parameterCount: Int { 4 * units * (inputSize + units + 1) }
}
