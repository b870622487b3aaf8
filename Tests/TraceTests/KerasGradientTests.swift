import Foundation
import Testing

@testable import Trace
@testable import TraceCore

extension TrainingTests {
  /// The loss and every weight's gradient of two tiny models against Keras 3 with JAX
  /// (Fixtures/training/make_keras_gradients.py): the same weights and batch give the same
  /// numbers, so unrolled learns from exactly what Keras would.
  @Suite("Gradients against Keras")
  struct KerasGradientTests {
    struct Fixture: Decodable {
      struct Model: Decodable {
        var sources: [String]
        var loss: Float
        var tensors: [Tensor]
      }
      struct Tensor: Decodable {
        var name: String
        var weights: [Float]
        var gradient: [Float]
      }
      var repeatBridge: Model
      var stateBridge: Model
    }

    @Test("the loss and gradients equal Keras's", arguments: [Bridge.repeatVector, .states])
    func matchesKeras(bridge: Bridge) throws {
      let url = try #require(
        Bundle.module.url(forResource: "keras_gradients", withExtension: "json", subdirectory: "Fixtures/training"))
      let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
      let keras = bridge == .states ? fixture.stateBridge : fixture.repeatBridge

      var model = try TinyModel.model(TinyArchitecture(bridge: bridge, bidirectional: false))
      #expect(model.parameterTensors.map(\.name) == keras.tensors.map(\.name), "the fixture lists our tensors in our order")
      model.parameterVector = keras.tensors.flatMap(\.weights)
      let batch = model.batch(try TinyModel.reversalExamples(keras.sources, for: model))
      var unused = SeededGenerator(seed: 0)
      let pass = model.forward(sources: batch.sources, targets: batch.targets, feeding: .teacherForcing, generator: &unused)

      let loss = try #require(pass.meanLoss)
      #expect(abs(loss - keras.loss) < 1e-5, "loss \(loss), Keras \(keras.loss)")
      let gradient = model.backward(pass).flattened
      for (tensor, kerasTensor) in zip(model.parameterTensors, keras.tensors) {
        let ours = gradient[tensor.range]
        let worst = zip(ours, kerasTensor.gradient).map { abs($0 - $1) }.max() ?? 0
        let largest = kerasTensor.gradient.map(abs).max() ?? 0
        #expect(worst <= 1e-6 + 1e-4 * largest, "\(tensor.name) differs from Keras by \(worst) (largest entry \(largest))")
      }
    }
  }
}
