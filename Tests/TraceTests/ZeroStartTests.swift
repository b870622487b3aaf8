import Testing

@testable import Trace
@testable import TraceCore

/// A layer that starts from zeros skips the recurrent products its first step would make
/// with those zeros (``LSTM/step(input:state:mask:inputProjection:startsFromZeros:)``,
/// ``LSTM/backward(run:outputGradients:finalStateGradient:into:needsInputGradients:needsInitialStateGradient:)``).
/// Training must give the same bits either way, so these compare bit patterns, which tell
/// -0 from +0 where `==` would not.
@Suite("Starting from zeros")
struct ZeroStartTests {
  static func bits(_ matrix: Matrix) -> [UInt32] { matrix.values.map(\.bitPattern) }

  static func bits(_ cache: LSTMStepCache) -> [[UInt32]] {
    [cache.inputGate, cache.forgetGate, cache.candidate, cache.outputGate, cache.cell, cache.cellActivation, cache.hidden]
      .map(bits)
  }

  static func bits(_ gradients: LSTMGradients) -> [[UInt32]] {
    [bits(gradients.kernel), bits(gradients.recurrentKernel), gradients.bias.map(\.bitPattern)]
  }

  @Test("a first step that skips h·U computes what one that multiplies the zeros computes, bit for bit")
  func stepFromZeros() {
    let (lstm, _) = InputProjectionTests.layer(inputSize: 12, units: 9, batch: 6, seed: 31)
    let zeros = LSTMState.zeros(batch: 6, units: 9)
    let hot: [Int?] = [3, 0, 11, nil, 7, 3]
    let x = InputProjectionTests.oneHot(hot, size: 12)
    let mask = [true, true, true, false, true, true]
    for projection in [nil, lstm.inputProjection(hotColumns: hot)] {
      let multiplied = lstm.step(input: x, state: zeros, mask: mask, inputProjection: projection)
      let skipped = lstm.step(input: x, state: zeros, mask: mask, inputProjection: projection, startsFromZeros: true)
      #expect(Self.bits(multiplied) == Self.bits(skipped))
    }
  }

  @Test(
    "BPTT that skips the initial state's gradient gives the same weight and input gradients, bit for bit",
    arguments: [false, true])
  func backwardWithoutInitialStateGradient(goBackwards: Bool) throws {
    var (lstm, _) = InputProjectionTests.layer(inputSize: 7, units: 10, batch: 5, seed: goBackwards ? 8 : 9)
    lstm.goBackwards = goBackwards
    var generator = SeededGenerator(seed: 12)
    let inputs = (0..<4).map { _ in Matrix.seededUniform(rows: 5, columns: 7, generator: &generator) }
    let mask = (0..<4).map { position in [true, position < 3, true, position < 2, true] }
    let outputGradients = (0..<4).map { _ in Matrix.seededUniform(rows: 5, columns: 10, generator: &generator) }
    let run = lstm.run(inputs, mask: mask)

    var full = LSTMGradients(zerosLike: lstm)
    let fullBack = lstm.backward(run: run, outputGradients: outputGradients, into: &full)
    var skipping = LSTMGradients(zerosLike: lstm)
    let skippingBack = lstm.backward(
      run: run, outputGradients: outputGradients, into: &skipping, needsInitialStateGradient: false)

    #expect(Self.bits(full) == Self.bits(skipping))
    #expect(fullBack.inputs.map(Self.bits) == skippingBack.inputs.map(Self.bits))
    #expect(skippingBack.initialState == nil)
    let initial = try #require(fullBack.initialState)
    #expect(initial.hidden.values.contains { $0 != 0 }, "the full pass does compute the initial state's gradient")
  }

  @Test("a run from the default zero state gives the bits of a run handed zeros as its initial state")
  func runFromDefaultZeros() {
    // Without an initial state the first step skips h·U; a run handed zeros multiplies them.
    let (lstm, _) = InputProjectionTests.layer(inputSize: 6, units: 8, batch: 3, seed: 40)
    var generator = SeededGenerator(seed: 41)
    let inputs = (0..<3).map { _ in Matrix.seededUniform(rows: 3, columns: 6, generator: &generator) }
    let implicit = lstm.run(inputs)
    let explicit = lstm.run(inputs, initialState: .zeros(batch: 3, units: 8))
    #expect(implicit.steps.map(Self.bits) == explicit.steps.map(Self.bits))
  }
}
