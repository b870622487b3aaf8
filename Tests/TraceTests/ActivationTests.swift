import Foundation
import Testing

@testable import Trace
@testable import TraceCore

/// The activations unrolled computes itself (Activation.swift): close to the true functions
/// everywhere a gate can be, the same bits from the scalar function and the vector loop.
@Suite("Activation")
struct ActivationTests {
  /// Every quarter-hundredth from `low` to `high`, and a few awkward values.
  static func grid(_ low: Float, _ high: Float) -> [Float] {
    stride(from: low, through: high, by: 0.01).map { $0 } + [0, -0, 0.625, -0.625, 1e-6, -1e-6, 1e-30]
  }

  @Test("e^x is within three units in the last place of the true value from -87 to 88")
  func exponentialIsAccurate() {
    for x in Self.grid(-87, 88) {
      let exact = Foundation.exp(Double(x))
      let got = Double(Activation.exponential(x))
      let ulp = Double(Float(exact).ulp)
      #expect(abs(got - exact) <= 3 * ulp, "e^\(x): \(got), true \(exact)")
    }
  }

  @Test("sigmoid and tanh are within 2e-7 of the true values, and keep their limits", arguments: [Activation.sigmoid, .tanh])
  func gatesAreAccurate(activation: Activation) {
    func exact(_ x: Double) -> Double { activation == .sigmoid ? 1 / (1 + Foundation.exp(-x)) : Foundation.tanh(x) }
    for x in Self.grid(-30, 30) {
      #expect(abs(Double(activation(x)) - exact(Double(x))) <= 2e-7, "\(activation)(\(x))")
    }
    let low: Float = activation == .sigmoid ? 0 : -1
    for x: Float in [50, 100, 1e10, .infinity] {
      #expect(activation(x) == 1, "\(activation)(\(x)) is 1")
      #expect(abs(activation(-x) - low) <= 2e-22, "\(activation)(\(-x)) is \(low), to within e^-50")
    }
    #expect(activation(.nan).isNaN, "NaN stays NaN, so a diverging run is caught")
  }

  @Test("tanh is odd and exact for tiny inputs, where 1 - 2/(e^2x + 1) would lose them")
  func tanhNearZero() {
    for x: Float in [1e-3, 1e-6, 1e-20, 0.3, 0.624, 0.626, 3] {
      #expect(Activation.hyperbolicTangent(-x) == -Activation.hyperbolicTangent(x))
    }
    #expect(Activation.hyperbolicTangent(1e-20) == 1e-20)
    #expect(Activation.hyperbolicTangent(0) == 0)
  }

  @Test("a matrix of activations holds the same bits as the function applied value by value", arguments: Activation.allCases)
  func loopMatchesScalar(activation: Activation) {
    var generator = SeededGenerator(seed: 5)
    let matrix = Matrix(rows: 7, columns: 37, values: (0..<259).map { _ in generator.uniform(-12, 12) })
    let applied = activation(matrix, columns: 3..<37)
    for row in 0..<7 {
      for column in 3..<37 {
        #expect(applied[row, column - 3].bitPattern == activation(matrix[row, column]).bitPattern)
      }
    }
  }

  @Test("derivatives eight at a time are each value's derivative, bit for bit", arguments: Activation.allCases)
  func laneDerivativesMatchScalar(activation: Activation) {
    let outputs: [Float] = [0, -0.0, 1, -1, 0.5, 0.999_999, -0.731, 1e-30, 0.25, -3, 7, 0.123_456_7, 0.9, 0.1, -0.5, 2]
    for start in stride(from: 0, to: outputs.count, by: 8) {
      let lanes = activation.derivative(fromOutputs: SIMD8<Float>(outputs[start..<start + 8]))
      for lane in 0..<8 {
        #expect(
          lanes[lane].bitPattern == activation.derivative(fromOutput: outputs[start + lane]).bitPattern,
          "at \(outputs[start + lane])")
      }
    }
  }

  @Test("activating a row in place gives the bits of activating it into another row", arguments: Activation.allCases)
  func inPlaceMatchesApply(activation: Activation) {
    var generator = SeededGenerator(seed: 9)
    for count in [1, 7, 8, 9, 75, 226] {
      let values = (0..<count).map { _ in generator.uniform(-12, 12) }
      var copied = [Float](repeating: 0, count: count)
      var inPlace = values
      values.withUnsafeBufferPointer { source in
        copied.withUnsafeMutableBufferPointer { activation.apply(source.baseAddress!, to: $0.baseAddress!, count: count) }
      }
      inPlace.withUnsafeMutableBufferPointer { activation.applyInPlace($0.baseAddress!, count: count) }
      #expect(inPlace.map(\.bitPattern) == copied.map(\.bitPattern), "\(count) values")
    }
  }

  @Test(
    "the fast step is the reference step, its equations, bit for bit: gates, cell, its activation, hidden state",
    arguments: [(Activation.tanh, Activation.sigmoid), (.relu, .sigmoid), (.linear, .tanh), (.sigmoid, .relu)])
  func stepMatchesItsEquations(activation: Activation, recurrentActivation: Activation) {
    var generator = SeededGenerator(seed: 21)
    let (rows, inputs, units) = (5, 4, 11)  // 11 units: a whole eight and three left over
    func random(_ rows: Int, _ columns: Int) -> Matrix {
      Matrix(rows: rows, columns: columns, values: (0..<rows * columns).map { _ in generator.uniform(-2, 2) })
    }
    let layer = LSTM(
      kernel: random(inputs, 4 * units), recurrentKernel: random(units, 4 * units),
      bias: random(1, 4 * units).values, activation: activation, recurrentActivation: recurrentActivation)
    let input = random(rows, inputs)
    let state = LSTMState(hidden: random(rows, units), cell: random(rows, units))
    let zeros = LSTMState.zeros(batch: rows, units: units)
    let mask = [true, false, true, true, false]
    func bits(_ matrix: Matrix) -> [UInt32] { matrix.values.map(\.bitPattern) }
    func same(_ fast: LSTMStepCache, _ reference: LSTMStepCache, _ what: String) {
      #expect(bits(fast.gates) == bits(reference.gates), "\(what): gates")
      #expect(
        bits(fast.cell) == bits(reference.cell) && bits(fast.cellActivation) == bits(reference.cellActivation), "\(what): cell")
      #expect(bits(fast.hidden) == bits(reference.hidden) && fast.mask == reference.mask, "\(what): hidden state")
    }
    same(layer.step(input: input, state: state), layer.referenceStep(input: input, state: state), "a step")
    same(
      layer.step(input: input, state: state, mask: mask), layer.referenceStep(input: input, state: state, mask: mask),
      "a masked step")
    same(
      layer.step(input: input, state: zeros, startsFromZeros: true), layer.referenceStep(input: input, state: zeros),
      "a first step from zeros")
    same(
      layer.step(input: input, state: state, inputProjection: Matrix.product(input, layer.kernel)),
      layer.referenceStep(input: input, state: state), "a step handed x·W")
  }
}
