// A bidirectional encoder whose backward layer has its own options, and a bidirectional
// decoder started from the encoder's four states: Keras parity (fixtures made by
// Fixtures/keras/make_keras_fixtures.py), Keras's rule on backward layers, finite-difference
// checks, checkpoints, and the refusal to decode free-running.

import Foundation
import Testing

@testable import Trace
@testable import TraceCore

extension KerasFixture {
  /// `bidirectional_custom_backward.json`.
  struct CustomBackwardLayer: Decodable {
    var activation: Activation
    var backwardActivation: Activation
    var forward: LSTMWeights
    var backward: LSTMWeights
    var inputs: [[[Float]]]
    var forwardSteps: [BatchStep]
    var backwardSteps: [BatchStep]
    var kerasMerged: [[[Float]]]
    var forwardHidden, forwardCell, backwardHidden, backwardCell: [[Float]]
    var kerasErrors: [KerasError]

    struct KerasError: Decodable {
      var `case`: String
      var message: String
    }
  }

  /// `bidirectional_decoder.json`.
  struct BidirectionalDecoderModel: Decodable {
    var inputTokens: [String]
    var outputTokens: [String]
    var units: Int
    var source: String
    var target: String
    var fedIDs: [Int]
    var targetIDs: [Int]
    var encoderBackwardActivation: Activation
    var encoderForward, encoderBackward, decoderForward, decoderBackward: LSTMWeights
    var outputKernel: [[Float]]
    var outputBias: [Float]
    var encoderForwardSteps, encoderBackwardSteps, decoderForwardSteps, decoderBackwardSteps: [BatchStep]
    /// `[T, V]`.
    var probabilities: [[Float]]
    var loss: Float

    func model() throws -> Seq2SeqModel {
      let configuration = BidirectionalDecoderTests.configuration(
        units: units, input: Vocabulary(tokens: inputTokens), output: Vocabulary(tokens: outputTokens),
        backwardActivation: encoderBackwardActivation)
      var backward = encoderBackward.layer(goBackwards: true)
      backward.activation = encoderBackwardActivation
      return try Seq2SeqModel(
        configuration: configuration,
        encoder: .bidirectional(Bidirectional(forward: encoderForward.layer(), backward: backward, mergeMode: .concat)),
        decoder: decoderForward.layer(),
        output: Dense(kernel: Matrix(rowsOf: outputKernel), bias: outputBias, activation: .softmax),
        decoderBackward: decoderBackward.layer(goBackwards: true))
    }
  }
}

@Suite("Bidirectional decoder and custom backward layers")
struct BidirectionalDecoderTests {
  typealias Fixture = KerasFixture

  static func configuration(
    units: Int, input: Vocabulary, output: Vocabulary, backwardActivation: Activation = .relu, embeddings: Bool = false
  ) -> Seq2SeqConfiguration {
    Seq2SeqConfiguration(
      name: "both-ways", bridge: .states,
      encoder: EncoderConfiguration(
        units: units, bidirectional: true, embeddingSize: embeddings ? 2 : nil,
        backwardLayer: BackwardLayerConfiguration(activation: backwardActivation)),
      decoder: DecoderConfiguration(units: units, embeddingSize: embeddings ? 2 : nil, bidirectional: true),
      inputVocabulary: input, outputVocabulary: output, maxInputLength: 6, maxOutputLength: 6,
      startToken: "\t", endToken: "\n")
  }

  static func tinyModel(embeddings: Bool = false, seed: UInt64 = 5) throws -> Seq2SeqModel {
    try Seq2SeqModel(
      configuration: configuration(
        units: 3, input: Vocabulary(tokens: TinyModel.letters),
        output: Vocabulary(tokens: [TinyModel.start, TinyModel.end] + TinyModel.letters), embeddings: embeddings),
      seed: seed)
  }

  // MARK: Custom backward layer

  @Test("a relu backward layer beside a tanh forward one matches Keras at every step")
  func customBackwardLayer() throws {
    let fixture = try Fixture.load(Fixture.CustomBackwardLayer.self, named: "bidirectional_custom_backward")
    #expect(fixture.activation == .tanh && fixture.backwardActivation == .relu)
    var backward = fixture.backward.layer(goBackwards: true)
    backward.activation = fixture.backwardActivation
    let layer = Bidirectional(forward: fixture.forward.layer(), backward: backward, mergeMode: .concat)
    let run = layer.run(Fixture.positions(fixture.inputs))
    for (step, expected) in zip(run.forward.steps, fixture.forwardSteps) {
      Fixture.expectStep(step, expected, "forward, position \(expected.position)")
    }
    for (step, expected) in zip(run.backward.steps, fixture.backwardSteps) {
      Fixture.expectStep(step, expected, "backward (relu), position \(expected.position)")
    }
    let merged = try #require(run.mergedSequence)
    for position in merged.indices {
      Fixture.expectClose(merged[position], Fixture.at(fixture.kerasMerged, position), "merged output at \(position)")
    }
    Fixture.expectClose(run.backward.finalState.hidden, fixture.backwardHidden, "backward h")
    Fixture.expectClose(run.backward.finalState.cell, fixture.backwardCell, "backward c")
    #expect(
      run.backward.steps.contains { $0.candidate.values.contains(0) },
      "relu clips some candidates to zero, which tanh never does exactly")
  }

  @Test("Keras's rule on backward layers is enforced with Keras's own messages")
  func kerasRule() throws {
    let fixture = try Fixture.load(Fixture.CustomBackwardLayer.self, named: "bidirectional_custom_backward")
    let broken: [String: BackwardLayerConfiguration] = [
      "same go_backwards": BackwardLayerConfiguration(activation: .relu, goBackwards: false),
      "stateful": BackwardLayerConfiguration(activation: .relu, stateful: true),
      "return_sequences": BackwardLayerConfiguration(activation: .relu, returnSequences: true),
      "return_state": BackwardLayerConfiguration(activation: .relu, returnState: false),
    ]
    try #require(fixture.kerasErrors.count == broken.count)
    for error in fixture.kerasErrors {
      var configuration = Self.configuration(
        units: 3, input: Vocabulary(tokens: ["a"]), output: Vocabulary(tokens: ["\t", "\n", "x"]))
      configuration.decoder = DecoderConfiguration(units: 6)
      let backwardLayer: BackwardLayerConfiguration = try #require(broken[error.case], "a case Keras refused")
      configuration.encoder.backwardLayer = backwardLayer
      #expect(throws: ConfigurationError(message: error.message), "\(error.case)") { try configuration.validate() }
    }
  }

  @Test("a backward layer of its own survives a checkpoint, and configurations without one are unchanged")
  func backwardLayerCheckpoint() throws {
    let model = try Self.tinyModel()
    let file = model.checkpoint()
    let read = try Seq2SeqModel(checkpoint: try SafeTensorsFile(bytes: file.serialized()))
    #expect(read == model)
    guard case .bidirectional(let layer) = read.encoder else { throw Fixture.FixtureError(message: "not bidirectional") }
    #expect(layer.backward.activation == .relu && layer.forward.activation == .tanh)
    let plain = try JSONEncoder().encode(EncoderConfiguration(units: 3, bidirectional: true))
    #expect(!String(decoding: plain, as: UTF8.self).contains("backwardLayer"))
    let decoder = try JSONEncoder().encode(DecoderConfiguration(units: 3))
    #expect(!String(decoding: decoder, as: UTF8.self).contains("bidirectional"), "older checkpoints keep their bytes")
  }

  // MARK: Bidirectional decoder

  @Test("a bidirectional decoder started from the encoder's four states matches Keras")
  func kerasParity() throws {
    let fixture = try Fixture.load(Fixture.BidirectionalDecoderModel.self, named: "bidirectional_decoder")
    let model = try fixture.model()
    let sourceIDs = fixture.source.map { model.configuration.inputVocabulary.id(of: String($0))! }
    var unused = SeededGenerator(seed: 0)
    let pass = model.forward(
      sources: [model.configuration.encoderTokens(forSourceIDs: sourceIDs)], targets: [fixture.targetIDs],
      feeding: .teacherForcing,
      generator: &unused)
    guard case .bidirectional(let encoderRun) = pass.encoder.run else { throw Fixture.FixtureError(message: "encoder") }
    for (step, expected) in zip(encoderRun.forward.steps, fixture.encoderForwardSteps) {
      Fixture.expectStep(step, expected, "encoder forward, position \(expected.position)")
    }
    for (step, expected) in zip(encoderRun.backward.steps, fixture.encoderBackwardSteps) {
      Fixture.expectStep(step, expected, "encoder backward (relu), position \(expected.position)")
    }
    let runs = try #require(pass.decoderRuns)
    #expect(runs.backward.positions == fixture.decoderBackwardSteps.map(\.position), "the backward half reads last to first")
    for (step, expected) in zip(runs.forward.steps, fixture.decoderForwardSteps) {
      Fixture.expectStep(step, expected, "decoder forward half, position \(expected.position)")
    }
    for (step, expected) in zip(runs.backward.steps, fixture.decoderBackwardSteps) {
      Fixture.expectStep(step, expected, "decoder backward half, position \(expected.position)")
    }
    try #require(pass.decoderSteps.count == fixture.probabilities.count)
    for (t, step) in pass.decoderSteps.enumerated() {
      #expect(step.fedTokens == [fixture.fedIDs[t]], "step \(t) reads the teacher-forced token")
      Fixture.expectClose(step.probabilities.values, fixture.probabilities[t], "probabilities at \(t)")
    }
    Fixture.expectClose([pass.meanLoss ?? .nan], [fixture.loss], "mean loss")

    // The trace records both halves from the same caches.
    let trace = try model.trace(input: fixture.source, target: fixture.target)
    let forced = try #require(trace.teacherForced)
    for (t, step) in forced.steps.enumerated() {
      let backward = try #require(step.backwardState, "step \(t) records the backward half")
      let expected = try #require(fixture.decoderBackwardSteps.first { $0.position == t })
      Fixture.expectClose(backward.hidden, expected.hidden[0], "recorded backward half at \(t)")
      Fixture.expectClose(step.probabilities, fixture.probabilities[t], "recorded probabilities at \(t)")
    }
  }

  @Test("the bidirectional decoder's backward matches finite differences on every tensor", arguments: [false, true])
  func gradientCheck(embeddings: Bool) throws {
    var model = try Self.tinyModel(embeddings: embeddings, seed: 21)
    var generator = SeededGenerator(seed: 22)
    model.parameterVector = model.parameterVector.map { _ in generator.uniform(-1, 1) }
    let batch = try TinyModel.batch(for: model)  // uneven sources and targets: both are masked
    #expect(model.parameterTensors.contains { $0.name == "decoderBackward.kernel" })
    GradientCheck.expectWholeModelMatches(model, sources: batch.sources, targets: batch.targets)
  }

  @Test("a bidirectional decoder needs a bidirectional encoder, a state bridge and equal halves")
  func validation() {
    var configuration = Self.configuration(
      units: 3, input: Vocabulary(tokens: ["a"]), output: Vocabulary(tokens: ["\t", "\n", "x"]))
    configuration.decoder.units = 6
    #expect(throws: ConfigurationError.self) { try configuration.validate() }
    configuration.decoder.units = 3
    configuration.encoder.bidirectional = false
    configuration.encoder.backwardLayer = nil
    #expect(throws: ConfigurationError.self) { try configuration.validate() }
  }

  @Test("it refuses to decode free-running, and traces teacher-forced with a target")
  func refusesFreeRunning() throws {
    let model = try Self.tinyModel()
    #expect(throws: TraceInputError.freeRunningImpossible(model: "both-ways")) { try model.trace(input: "abc") }
    let message = TraceInputError.freeRunningImpossible(model: "both-ways").description
    #expect(message.contains("backward half") && message.contains("not been written yet") && !message.contains("\n"))
    let trace = try model.trace(input: "abc", target: "cba")
    #expect(trace.freeRunningDecode == nil && trace.freeRunningRefusal != nil && trace.firstDivergence == nil)
    #expect(trace.teacherForced?.steps.count == 4)
    #expect(trace.model.bidirectionalDecoder == true && trace.model.backwardActivation == .relu)
    #expect(trace.primaryDecode == trace.teacherForced)
    let json = String(decoding: trace.jsonData(pretty: false), as: UTF8.self)
    #expect(!json.contains("\"freeRunning\""), "the JSON has no free-running decode at all")
    #expect(try ModelTrace(jsonData: trace.jsonData(pretty: false)) == trace)
    #expect(trace.textTable.contains("No free-running decode: "))
    #expect(trace.textTable.contains("Decoder (backward half)"))
    let examples = try TinyModel.reversalExamples(["abc", "ab"], for: model)
    let metrics = try #require(model.evaluate(examples))
    #expect(metrics.exactMatch == nil && metrics.freeRunningCharacterAccuracy == nil)
    #expect(throws: TrainingError.self) {
      try Trainer(model: model, options: TrainingOptions(epochs: 1, teacherForcingRatio: 0.5))
    }
  }

  @Test("it trains with teacher forcing and survives a checkpoint")
  func trainsAndCheckpoints() throws {
    let model = try Self.tinyModel()
    var trainer = try Trainer(model: model, options: TrainingOptions(epochs: 30, batchSize: 8, seed: 3, learningRate: 0.01))
    let examples = try TinyModel.reversalExamples(TinyModel.allWords, for: model)
    let history = try trainer.train(on: examples, validation: examples)
    let first = try #require(history.epochs.first?.trainingLoss)
    let last = try #require(history.epochs.last?.trainingLoss)
    #expect(last < first / 2, "the loss falls (\(first) -> \(last))")
    let read = try Seq2SeqModel(checkpoint: try SafeTensorsFile(bytes: trainer.model.checkpoint().serialized()))
    #expect(read == trainer.model)
    #expect(read.checkpoint().tensors["decoder/backward/kernel"] != nil)
  }
}
