// A Dense layer with Keras's initial weights, for training (native: see SeededGenerator+Normal.swift).

extension Dense {
  /// A layer initialised as Keras does: glorot_uniform kernel, zero bias.
  public init(inputSize: Int, outputSize: Int, activation: DenseActivation, generator: inout SeededGenerator) {
    self.init(
      kernel: KerasInitializer.glorotUniform(rows: inputSize, columns: outputSize, generator: &generator),
      bias: [Float](repeating: 0, count: outputSize), activation: activation)
  }
}
