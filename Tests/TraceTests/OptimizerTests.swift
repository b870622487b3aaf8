import Foundation
import Testing

@testable import Trace
@testable import TraceCore

extension TrainingTests {
  /// Adam and RMSprop against steps recorded from Keras 3 (Fixtures/training/
  /// make_optimizer_steps.py) and against numbers worked out by hand.
  @Suite("Optimizers")
  struct OptimizerTests {
    struct KerasSteps: Decodable {
      var initial: [[Float]]
      var gradients: [[[Float]]]
      var adam: [[[Float]]]
      var rmsprop: [[[Float]]]
      var adamClipped: [[[Float]]]
      var rmspropClipped: [[[Float]]]
      var rmspropMomentum: [[[Float]]]
    }

    static func kerasSteps() throws -> KerasSteps {
      let url = try #require(
        Bundle.module.url(forResource: "optimizer_steps", withExtension: "json", subdirectory: "Fixtures/training"))
      return try JSONDecoder().decode(KerasSteps.self, from: Data(contentsOf: url))
    }

    enum Case: String, CaseIterable, Sendable {
      case adam, rmsprop, adamClipped, rmspropClipped, rmspropMomentum
    }

    @Test("replays Keras 3's optimizer steps", arguments: Case.allCases)
    func matchesKeras(_ kind: Case) throws {
      let fixture = try Self.kerasSteps()
      var parameters = fixture.initial.flatMap { $0 }
      var optimizer: any Optimizer
      var clipNorm: Float?
      switch kind {
      case .adam: optimizer = Adam(parameterCount: parameters.count)
      case .rmsprop: optimizer = RMSprop(parameterCount: parameters.count)
      case .adamClipped:
        optimizer = Adam(parameterCount: parameters.count, learningRate: 0.01)
        clipNorm = 1
      case .rmspropClipped:
        optimizer = RMSprop(parameterCount: parameters.count, learningRate: 0.01)
        clipNorm = 1
      case .rmspropMomentum: optimizer = RMSprop(parameterCount: parameters.count, momentum: 0.9)
      }
      let expected: [[[Float]]] =
        switch kind {
        case .adam: fixture.adam
        case .rmsprop: fixture.rmsprop
        case .adamClipped: fixture.adamClipped
        case .rmspropClipped: fixture.rmspropClipped
        case .rmspropMomentum: fixture.rmspropMomentum
        }
      for (step, gradients) in fixture.gradients.enumerated() {
        var flat = gradients.flatMap { $0 }
        if let clipNorm { GradientClipping.clipByGlobalNorm(&flat, clipNorm: clipNorm) }
        optimizer.update(&parameters, gradients: flat)
        let keras = expected[step].flatMap { $0 }
        let worst = zip(parameters, keras).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-6, "step \(step + 1) differs from Keras by \(worst)")
      }
    }

    @Test("Adam's first step moves each weight by about the learning rate, against its gradient")
    func adamFirstStepByHand() {
      // Step 1: m = 0.1g, v = 0.001g², alpha = lr·sqrt(0.001)/0.1, so the move is
      // lr·g/(|g| + ε/sqrt(0.001)) ≈ lr·sign(g).
      var adam = Adam(parameterCount: 2)
      var parameters: [Float] = [1, -1]
      adam.update(&parameters, gradients: [0.5, -2])
      let expected0 = 1 - 0.001 * 0.5 / (0.5 + 1e-7 / 0.001.squareRoot())
      #expect(abs(Double(parameters[0]) - expected0) < 1e-7)
      #expect(abs(parameters[1] - (-1 + 0.001)) < 1e-6)
      #expect(adam.iterations == 1)
    }

    @Test("RMSprop's first step divides by sqrt(0.1·g² + ε)")
    func rmspropFirstStepByHand() {
      var rmsprop = RMSprop(parameterCount: 1)
      var parameters: [Float] = [0]
      rmsprop.update(&parameters, gradients: [2])
      #expect(abs(Double(parameters[0]) - (-0.001 * 2 / (0.1 * 4 + 1e-7).squareRoot())) < 1e-8)
    }

    @Test("global-norm clipping keeps the direction and caps the norm")
    func clipping() {
      var gradients: [Float] = [3, 4]
      let norm = GradientClipping.clipByGlobalNorm(&gradients, clipNorm: 1)
      #expect(norm == 5)
      #expect(abs(gradients[0] - 0.6) < 1e-7 && abs(gradients[1] - 0.8) < 1e-7)
      var small: [Float] = [0.3, 0.4]
      GradientClipping.clipByGlobalNorm(&small, clipNorm: 1)
      #expect(small == [0.3, 0.4], "below the clip norm nothing changes")
    }

    @Test("the finiteness test finds NaN and infinities, and nothing else")
    func finiteness() {
      let finite: [Float] = [0, -0, 1, -1, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude]
      #expect(finite.allSatisfy { GradientClipping.nonFiniteCarry($0) == 0 })
      #expect(GradientClipping.allFinite(finite))
      for bad: Float in [.nan, -.nan, .signalingNaN, .infinity, -.infinity] {
        #expect(GradientClipping.nonFiniteCarry(bad) != 0, "\(bad)")
        #expect(!GradientClipping.allFinite(finite + [bad] + finite), "\(bad) among finite values")
      }
    }

    @Test(
      "updating a model's weights in place is updating its parameter vector, bit for bit",
      arguments: [OptimizerKind.adam, .rmsprop], ["addition", "state-bidirectional-decoder"])
    func inPlaceUpdateMatchesVector(kind: OptimizerKind, model name: String) throws {
      // The addition model has 52k weights, so Adam cuts the update between the cores.
      var model = name == "addition" ? try ModelFactory.addition() : try ModelFactory.tiny(name)
      var vector = model.parameterVector
      var inPlace = kind.make(parameterCount: vector.count)
      var onVector = kind.make(parameterCount: vector.count)
      var generator = SeededGenerator(seed: 12)
      for _ in 0..<3 {
        let gradients = vector.map { _ in generator.uniform(-0.1, 0.1) }
        inPlace.update(&model, gradients: gradients)
        onVector.update(&vector, gradients: gradients)
        #expect(model.parameterVector == vector)
      }
    }
  }
}
