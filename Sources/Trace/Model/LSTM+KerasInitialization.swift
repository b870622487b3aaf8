// An LSTM layer with Keras's initial weights, for training (native: see SeededGenerator+Normal.swift).

extension LSTM {
  /// A layer initialised as Keras initialises one: glorot_uniform kernel, orthogonal
  /// recurrent kernel, zero bias except ones for the forget gate (`unit_forget_bias`).
  public init(
    inputSize: Int, units: Int, activation: Activation = .tanh,
    recurrentActivation: Activation = .sigmoid, goBackwards: Bool = false,
    generator: inout SeededGenerator
  ) {
    var bias = [Float](repeating: 0, count: 4 * units)
    for u in units..<2 * units { bias[u] = 1 }
    self.init(
      kernel: KerasInitializer.glorotUniform(rows: inputSize, columns: 4 * units, generator: &generator),
      recurrentKernel: KerasInitializer.orthogonal(rows: units, columns: 4 * units, generator: &generator),
      bias: bias, activation: activation, recurrentActivation: recurrentActivation,
      goBackwards: goBackwards)
  }
}
