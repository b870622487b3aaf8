import Foundation
import Testing

@testable import Trace
@testable import TraceCore

/// The conditioned repeat bridge (Srivastava et al. 2015): Keras parity of the recording,
/// teacher-forced and greedy, and the configuration's rules.
@Suite("Conditioned repeat bridge")
struct ConditionedRepeatBridgeTests {
  typealias Fixture = KerasFixture

  static let fixtureName = "conditioned_repeat_bridge"

  @Test("a teacher-forced trace matches Keras's RepeatVector + Concatenate model")
  func teacherForced() throws {
    let fixture = try Fixture.load(Fixture.Seq2Seq.self, named: Self.fixtureName)
    let model = try fixture.model()
    #expect(model.configuration.kind.decoderInput == .repeatedEncodingAndPreviousToken)
    let trace = try model.trace(input: fixture.input, target: fixture.target)
    #expect(trace.model.conditionedDecoder == true)
    for (record, expected) in zip(trace.encoder.forward, fixture.encoder.forward) {
      Fixture.expectCell(record.state, expected, "encoder position \(expected.position)")
    }
    Fixture.expectClose(
      try #require(trace.bridge.repeatedVector), try #require(fixture.repeatedVector), "the repeated encoding")
    let expectedSteps = try #require(fixture.teacherForced)
    let decode = try #require(trace.teacherForced)
    try #require(decode.steps.count == expectedSteps.count, "one step per repeat")
    for (step, expected) in zip(decode.steps, expectedSteps) {
      let what = "teacher-forced step \(step.step)"
      #expect(step.readsRepeatedVector == true, "\(what) reads the repeated encoding")
      #expect(step.fedToken == expected.fedToken, "\(what) is fed the start token, then the previous target")
      #expect(step.fedTokenSource == (step.step == 0 ? .startToken : .groundTruth))
      Fixture.expectCell(step.state, expected, what)
      Fixture.expectClose(step.probabilities, try #require(expected.probabilities), "\(what) probabilities")
      Fixture.expectClose([try #require(step.loss)], [try #require(expected.loss)], "\(what) loss")
    }
    Fixture.expectClose([try #require(decode.meanLoss)], [fixture.meanLoss], "mean loss")
  }

  @Test("greedy decoding matches Keras's model called step by step on its own predictions")
  func freeRunning() throws {
    let fixture = try Fixture.load(Fixture.Seq2Seq.self, named: Self.fixtureName)
    let trace = try fixture.model().trace(input: fixture.input, target: fixture.target)
    let expectedSteps = try #require(fixture.freeRunning)
    let decode = trace.primaryDecode
    #expect(decode.steps.map(\.fedToken) == expectedSteps.map(\.fedToken), "fed its own previous prediction")
    #expect(decode.steps.map(\.predicted) == expectedSteps.map(\.predicted), "argmax at every step")
    #expect(decode.steps.dropFirst().allSatisfy { $0.fedTokenSource == .ownPrediction })
    try #require(decode.steps.count == expectedSteps.count)
    for (step, expected) in zip(decode.steps, expectedSteps) {
      let what = "greedy step \(step.step)"
      Fixture.expectClose(step.probabilities, expected.probabilities, "\(what) probabilities")
      Fixture.expectClose(step.state.hidden, expected.hidden, "\(what) h")
      Fixture.expectClose(step.state.cell, expected.cell, "\(what) c")
    }
    #expect(decode.output == fixture.freeRunningOutput)
    #expect(decode.stopReason == .fixedLength)
    #expect(trace.firstDivergence == 1, "Keras's greedy decode writes a different first letter than the target's")
  }

  @Test("an old configuration decodes without the new field and encodes without it")
  func oldConfigurationsUnchanged() throws {
    let json = """
      {"name":"x","bridge":"repeatBridge",
       "encoder":{"units":2,"bidirectional":false,"mergeMode":"concat","activation":"tanh","recurrentActivation":"sigmoid"},
       "decoder":{"units":2,"activation":"tanh","recurrentActivation":"sigmoid"},
       "inputVocabulary":{"tokens":["a"],"unit":"character"},"outputVocabulary":{"tokens":["a"],"unit":"character"},
       "maxInputLength":1,"maxOutputLength":1,"reverseInput":false}
      """
    let configuration = try JSONDecoder().decode(Seq2SeqConfiguration.self, from: Data(json.utf8))
    #expect(configuration.conditionedDecoder == nil && configuration.kind.decoderInput == .repeatedEncoding)
    #expect(configuration.decoderInputSize == 2, "an unconditioned decoder reads the encoding only")
    let encoded = String(decoding: try JSONEncoder().encode(configuration), as: UTF8.self)
    #expect(!encoded.contains("conditionedDecoder"), "an unconditioned model's checkpoint gains no key")
  }

  @Test(
    "a conditioned decoder's configuration says what is wrong",
    arguments: [
      ("no start token", "a conditioned decoder needs a start token in the output vocabulary"),
      ("state bridge", "only a repeat bridge has a conditioned decoder"),
    ])
  func validation(broken: String, message: String) throws {
    var configuration = TinyModel.configuration(TinyArchitecture(bridge: .repeatVector, bidirectional: false, conditioned: true))
    if broken == "no start token" {
      configuration.startToken = nil
    } else {
      configuration = TinyModel.configuration(TinyArchitecture(bridge: .states, bidirectional: false))
      configuration.conditionedDecoder = true
    }
    #expect {
      try configuration.validate()
    } throws: { error in
      (error as? ConfigurationError)?.message.hasPrefix(message) == true
    }
  }

  @Test("the decoder reads the encoding and the one-hot token side by side")
  func decoderInputSize() throws {
    let model = try TinyModel.model(TinyArchitecture(bridge: .repeatVector, bidirectional: false, conditioned: true))
    let configuration = model.configuration
    #expect(configuration.decoderInputSize == configuration.encodingSize + configuration.outputVocabulary.count)
    #expect(model.decoder.inputSize == configuration.decoderInputSize)
  }

  @Test("scheduled sampling feeds the truth or the model's own guess, drawn per row and step")
  func scheduledSampling() throws {
    let model = try TinyModel.model(TinyArchitecture(bridge: .repeatVector, bidirectional: false, conditioned: true))
    let batch = try TinyModel.batch(for: model)
    var generator = SeededGenerator(seed: 9)
    let pass = model.forward(
      sources: batch.sources, targets: batch.targets, feeding: .scheduledSampling(groundTruthProbability: 0.5),
      generator: &generator)
    #expect(pass.decoderSteps.count == model.configuration.maxOutputLength, "a repeat bridge takes a fixed number of steps")
    let startID = try #require(model.configuration.outputVocabulary.id(of: TinyModel.start))
    #expect(pass.decoderSteps[0].fedTokenSources.allSatisfy { $0 == .startToken })
    #expect(pass.decoderSteps[0].fedTokens.allSatisfy { $0 == startID })
    let later = pass.decoderSteps.dropFirst().flatMap(\.fedTokenSources)
    #expect(later.contains(.groundTruth) && later.contains(.ownPrediction), "both sources are drawn")
    for (index, step) in pass.decoderSteps.enumerated().dropFirst() {
      for row in batch.sources.indices {
        let expected =
          step.fedTokenSources[row] == .groundTruth
          ? batch.targets[row][index - 1] : pass.decoderSteps[index - 1].predictions[row]
        #expect(step.fedTokens[row] == expected, "step \(index), row \(row)")
      }
    }
  }
}
