// Parity with Keras 3: every gate, cell, hidden state, merged output, state, probability
// and loss that unrolled computes equals what Keras computes for the same weights and
// inputs, within 1e-5. The numbers come from Fixtures/keras/make_keras_fixtures.py.

import Foundation
import Testing

@testable import Trace
@testable import TraceCore

@Suite("Keras parity")
struct KerasParityTests {
  typealias Fixture = KerasFixture

  // MARK: Layers

  @Test(
    "an LSTM layer matches Keras at every step, from zero and from given states", arguments: ["lstm_plain", "lstm_go_backwards"])
  func lstmLayer(name: String) throws {
    let fixture = try Fixture.load(Fixture.LSTMLayer.self, named: name)
    let layer = fixture.layer.layer(goBackwards: fixture.goBackwards)
    let inputs = Fixture.positions(fixture.inputs)
    for testCase in fixture.cases {
      var initialState: LSTMState?
      if let hidden = testCase.initialHidden, let cell = testCase.initialCell {
        initialState = LSTMState(hidden: Matrix(rowsOf: hidden), cell: Matrix(rowsOf: cell))
      }
      let run = layer.run(inputs, initialState: initialState)
      let what = "\(name), \(testCase.name)"
      #expect(run.positions == testCase.steps.map(\.position), "\(what): the order the layer reads positions in")
      try #require(run.steps.count == testCase.steps.count)
      for (step, expected) in zip(run.steps, testCase.steps) {
        Fixture.expectStep(step, expected, "\(what), position \(expected.position)")
        Fixture.expectClose(
          run.hidden(atPosition: expected.position), expected.hidden, "\(what), hidden(atPosition: \(expected.position))")
      }
      // Keras 3 returns a go_backwards sequence in processing order, as `outputs` does.
      for (k, output) in run.outputs.enumerated() {
        Fixture.expectClose(output, Fixture.at(testCase.kerasSequence, k), "\(what), return_sequences[\(k)]")
      }
      Fixture.expectClose(run.finalState.hidden, testCase.finalHidden, "\(what), final h")
      Fixture.expectClose(run.finalState.cell, testCase.finalCell, "\(what), final c")
    }
  }

  @Test("a bidirectional layer matches Keras's outputs and four states", arguments: MergeMode.allCases)
  func bidirectionalLayer(mergeMode: MergeMode) throws {
    let fixture = try Fixture.load(Fixture.BidirectionalLayer.self, named: "bidirectional_\(mergeMode.rawValue)")
    #expect(fixture.mergeMode == mergeMode)
    let layer = Bidirectional(
      forward: fixture.forward.layer(), backward: fixture.backward.layer(goBackwards: true), mergeMode: mergeMode)
    let run = layer.run(Fixture.positions(fixture.inputs))
    let forwardSteps = try #require(fixture.forwardSteps)
    let backwardSteps = try #require(fixture.backwardSteps)
    #expect(run.forward.positions == forwardSteps.map(\.position))
    #expect(run.backward.positions == backwardSteps.map(\.position))
    for (step, expected) in zip(run.forward.steps, forwardSteps) {
      Fixture.expectStep(step, expected, "forward, position \(expected.position)")
    }
    for (step, expected) in zip(run.backward.steps, backwardSteps) {
      Fixture.expectStep(step, expected, "backward, position \(expected.position)")
    }
    let length = fixture.inputs[0].count
    if let kerasMerged = fixture.kerasMerged {
      let merged = try #require(run.mergedSequence, "merge mode \(mergeMode) merges")
      try #require(merged.count == length)
      for position in 0..<length {
        Fixture.expectClose(merged[position], Fixture.at(kerasMerged, position), "merged output at \(position)")
      }
    } else {
      #expect(run.mergedSequence == nil, "merge mode none keeps the two outputs apart")
      let forward = try #require(fixture.kerasForwardSequence)
      let backward = try #require(fixture.kerasBackwardSequence)
      for position in 0..<length {
        Fixture.expectClose(
          run.forward.hidden(atPosition: position), Fixture.at(forward, position), "forward output at \(position)")
        Fixture.expectClose(
          run.backward.hidden(atPosition: position), Fixture.at(backward, position), "backward output at \(position)")
      }
    }
    Fixture.expectClose(run.forward.finalState.hidden, fixture.forwardHidden, "forward h")
    Fixture.expectClose(run.forward.finalState.cell, fixture.forwardCell, "forward c")
    Fixture.expectClose(run.backward.finalState.hidden, fixture.backwardHidden, "backward h")
    Fixture.expectClose(run.backward.finalState.cell, fixture.backwardCell, "backward c")
  }

  @Test("a bidirectional layer over a padded batch masks as Keras does")
  func maskedBidirectionalLayer() throws {
    let fixture = try Fixture.load(Fixture.BidirectionalLayer.self, named: "bidirectional_masked")
    let batchMask = try #require(fixture.mask)
    let length = fixture.inputs[0].count
    let mask = (0..<length).map { t in batchMask.map { $0[t] } }
    let layer = Bidirectional(
      forward: fixture.forward.layer(), backward: fixture.backward.layer(goBackwards: true), mergeMode: fixture.mergeMode)
    let run = layer.run(Fixture.positions(fixture.inputs), mask: mask)
    // Each direction alone: a padded step leaves h and c as they were.
    let forward = try #require(fixture.kerasForwardSequence)
    let backward = try #require(fixture.kerasBackwardSequence)
    for k in 0..<length {
      Fixture.expectClose(run.forward.outputs[k], Fixture.at(forward, k), "forward return_sequences[\(k)]")
      Fixture.expectClose(run.backward.outputs[k], Fixture.at(backward, k), "backward return_sequences[\(k)]")
    }
    // Bidirectional returns zeros at padded positions (it sets zero_output_for_mask).
    let merged = try #require(run.mergedSequence)
    let kerasMerged = try #require(fixture.kerasMerged)
    for position in 0..<length {
      Fixture.expectClose(merged[position], Fixture.at(kerasMerged, position), "merged output at \(position)")
    }
    Fixture.expectClose(run.forward.finalState.hidden, fixture.forwardHidden, "forward h")
    Fixture.expectClose(run.forward.finalState.cell, fixture.forwardCell, "forward c")
    Fixture.expectClose(run.backward.finalState.hidden, fixture.backwardHidden, "backward h")
    Fixture.expectClose(run.backward.finalState.cell, fixture.backwardCell, "backward c")
  }

  @Test("an Embedding feeds an LSTM as in Keras")
  func embeddingLayer() throws {
    let fixture = try Fixture.load(Fixture.EmbeddingLayer.self, named: "embedding_lstm")
    let embedding = Embedding(table: Matrix(rowsOf: fixture.embeddings))
    let length = fixture.tokenIDs[0].count
    let inputs = (0..<length).map { t in embedding.lookup(fixture.tokenIDs.map { $0[t] }) }
    let run = fixture.layer.layer().run(inputs)
    for (step, expected) in zip(run.steps, fixture.steps) {
      Fixture.expectStep(step, expected, "position \(expected.position)")
    }
    for (k, output) in run.outputs.enumerated() {
      Fixture.expectClose(output, Fixture.at(fixture.kerasSequence, k), "return_sequences[\(k)]")
    }
    Fixture.expectClose(run.finalState.hidden, fixture.finalHidden, "final h")
    Fixture.expectClose(run.finalState.cell, fixture.finalCell, "final c")
  }

  // MARK: Seq2seq models, through the recording

  static let repeatBridgeFixtures = [
    "repeat_bridge", "repeat_bridge_go_backwards", "repeat_bridge_bidirectional_concat", "repeat_bridge_bidirectional_ave",
  ]
  static let stateBridgeFixtures = ["state_bridge", "state_bridge_bidirectional", "state_bridge_embedding"]

  @Test("a trace records the encoder's steps as Keras computes them", arguments: repeatBridgeFixtures + stateBridgeFixtures)
  func encoderSteps(name: String) throws {
    let fixture = try Fixture.load(Fixture.Seq2Seq.self, named: name)
    let model = try fixture.model()
    let trace = try model.trace(input: fixture.input, target: fixture.target)
    var kerasPositions = fixture.encoder.forward.map(\.position)
    if model.configuration.reverseInput {
      // Keras's go_backwards reads position T-1 first; unrolled reads the reversed input
      // from its position 0: the same token, the same numbers, in the same order.
      #expect(trace.encoder.tokens == Array(model.configuration.inputVocabulary.tokenize(fixture.input).reversed()))
      kerasPositions = kerasPositions.map { trace.encoder.tokens.count - 1 - $0 }
    }
    #expect(trace.encoder.forward.map(\.position) == kerasPositions)
    for (record, expected) in zip(trace.encoder.forward, fixture.encoder.forward) {
      Fixture.expectCell(record.state, expected, "\(name): encoder forward, Keras position \(expected.position)")
    }
    if let expectedBackward = fixture.encoder.backward {
      let backward = try #require(trace.encoder.backward, "a bidirectional encoder records its backward steps")
      #expect(backward.map(\.position) == expectedBackward.map(\.position))
      for (record, expected) in zip(backward, expectedBackward) {
        Fixture.expectCell(record.state, expected, "\(name): encoder backward, position \(expected.position)")
      }
    } else {
      #expect(trace.encoder.backward == nil)
    }
    if let expectedMerged = fixture.encoder.merged {
      let merged = try #require(trace.encoder.merged)
      try #require(merged.count == expectedMerged.count)
      for (position, (vector, expected)) in zip(merged, expectedMerged).enumerated() {
        Fixture.expectClose(vector, expected, "\(name): merged output at \(position)")
      }
    }
  }

  @Test("a repeat-bridge trace matches Keras's probabilities, gates and losses", arguments: repeatBridgeFixtures)
  func repeatBridge(name: String) throws {
    let fixture = try Fixture.load(Fixture.Seq2Seq.self, named: name)
    let trace = try fixture.model().trace(input: fixture.input, target: fixture.target)
    let expectedSteps = try #require(fixture.decoderSteps)
    let repeated = try #require(trace.bridge.repeatedVector, "a repeat bridge records the repeated vector")
    Fixture.expectClose(repeated, try #require(fixture.repeatedVector), "\(name): the repeated encoding")
    #expect(trace.bridge.repeatCount == expectedSteps.count)
    let teacherForced = try #require(trace.teacherForced)
    for decode in [teacherForced, trace.primaryDecode] {
      try #require(decode.steps.count == expectedSteps.count, "\(decode.feeding): one step per repeat")
      for (step, expected) in zip(decode.steps, expectedSteps) {
        let what = "\(name): \(decode.feeding) step \(step.step)"
        #expect(step.fedToken == nil && step.fedTokenSource == .repeatedEncoding, "\(what) reads the encoding")
        Fixture.expectCell(step.state, expected, what)
        Fixture.expectClose(step.probabilities, try #require(expected.probabilities), "\(what) probabilities")
      }
    }
    for (step, expected) in zip(teacherForced.steps, expectedSteps) {
      let loss = try #require(step.loss, "step \(step.step) has a target")
      Fixture.expectClose(
        [loss], [try #require(expected.loss)], "\(name): step \(step.step) loss (Keras categorical_crossentropy)")
    }
    Fixture.expectClose([try #require(teacherForced.meanLoss)], [fixture.meanLoss], "\(name): mean loss")
    #expect(trace.primaryDecode.output == fixture.predicted, "greedy output is the argmax of Keras's probabilities")
  }

  @Test("a teacher-forced state-bridge trace matches Keras's training model", arguments: stateBridgeFixtures)
  func stateBridgeTeacherForced(name: String) throws {
    let fixture = try Fixture.load(Fixture.Seq2Seq.self, named: name)
    let model = try fixture.model()
    let trace = try model.trace(input: fixture.input, target: fixture.target)
    let bridge = try #require(fixture.bridge)
    Fixture.expectClose(try #require(trace.bridge.hidden), bridge.hidden, "\(name): decoder's initial h")
    Fixture.expectClose(try #require(trace.bridge.cell), bridge.cell, "\(name): decoder's initial c")
    if let forwardHidden = bridge.forwardHidden {
      Fixture.expectClose(try #require(trace.bridge.forwardHidden), forwardHidden, "\(name): forward h")
      Fixture.expectClose(try #require(trace.bridge.forwardCell), try #require(bridge.forwardCell), "\(name): forward c")
      Fixture.expectClose(try #require(trace.bridge.backwardHidden), try #require(bridge.backwardHidden), "\(name): backward h")
      Fixture.expectClose(try #require(trace.bridge.backwardCell), try #require(bridge.backwardCell), "\(name): backward c")
    }
    let expectedSteps = try #require(fixture.teacherForced)
    let decode = try #require(trace.teacherForced)
    try #require(decode.steps.count == expectedSteps.count, "one step per target token and one for the end token")
    let targets = model.configuration.outputVocabulary.tokenize(fixture.target) + [try #require(model.configuration.endToken)]
    for (step, expected) in zip(decode.steps, expectedSteps) {
      let what = "\(name): teacher-forced step \(step.step)"
      #expect(step.fedToken == expected.fedToken, "\(what) is fed the start token, then the previous target token")
      #expect(step.target == targets[step.step])
      Fixture.expectCell(step.state, expected, what)
      Fixture.expectClose(step.probabilities, try #require(expected.probabilities), "\(what) probabilities")
      Fixture.expectClose(
        [try #require(step.loss)], [try #require(expected.loss)], "\(what) loss (Keras categorical_crossentropy)")
    }
    Fixture.expectClose([try #require(decode.meanLoss)], [fixture.meanLoss], "\(name): mean loss")
  }

  @Test("a word-level trace records Keras's Embedding output as each step's input vector")
  func embeddingLookupIsTheStepInput() throws {
    let name = "state_bridge_embedding"
    let fixture = try Fixture.load(Fixture.Seq2Seq.self, named: name)
    let trace = try fixture.model().trace(input: fixture.input, target: fixture.target)
    try #require(trace.encoder.forward.count == fixture.encoder.forward.count)
    for (record, expected) in zip(trace.encoder.forward, fixture.encoder.forward) {
      let vector = try #require(record.inputVector, "an embedding encoder records the vector it read")
      Fixture.expectClose(vector, try #require(expected.inputVector), "\(name): encoder input at \(record.position)")
    }
    let expectedSteps = try #require(fixture.teacherForced)
    let decode = try #require(trace.teacherForced)
    try #require(decode.steps.count == expectedSteps.count)
    for (step, expected) in zip(decode.steps, expectedSteps) {
      let vector = try #require(step.inputVector, "an embedding decoder records the vector it read")
      Fixture.expectClose(vector, try #require(expected.inputVector), "\(name): decoder input at step \(step.step)")
    }
    #expect(trace.primaryDecode.steps.allSatisfy { $0.inputVector != nil })
  }

  @Test("a one-hot model records no input vector", arguments: ["state_bridge", "repeat_bridge"])
  func oneHotHasNoInputVector(name: String) throws {
    let fixture = try Fixture.load(Fixture.Seq2Seq.self, named: name)
    let trace = try fixture.model().trace(input: fixture.input, target: fixture.target)
    #expect(trace.encoder.forward.allSatisfy { $0.inputVector == nil })
    #expect(trace.primaryDecode.steps.allSatisfy { $0.inputVector == nil })
    #expect(!String(decoding: trace.jsonData(), as: UTF8.self).contains("inputVector"), "the key is absent, not null")
  }

  @Test("greedy decoding matches the lstm_seq2seq inference loop step by step", arguments: stateBridgeFixtures)
  func stateBridgeGreedy(name: String) throws {
    let fixture = try Fixture.load(Fixture.Seq2Seq.self, named: name)
    let trace = try fixture.model().trace(input: fixture.input, target: fixture.target)
    let expectedSteps = try #require(fixture.freeRunning)
    let decode = trace.primaryDecode
    #expect(decode.steps.map(\.fedToken) == expectedSteps.map(\.fedToken), "fed its own previous prediction")
    #expect(decode.steps.map(\.predicted) == expectedSteps.map(\.predicted), "argmax at every step")
    try #require(decode.steps.count == expectedSteps.count)
    for (step, expected) in zip(decode.steps, expectedSteps) {
      let what = "\(name): greedy step \(step.step)"
      Fixture.expectClose(step.probabilities, expected.probabilities, "\(what) probabilities")
      Fixture.expectClose(step.state.hidden, expected.hidden, "\(what) h")
      Fixture.expectClose(step.state.cell, expected.cell, "\(what) c")
    }
    #expect(decode.output == fixture.freeRunningOutput)
    let stopsAtEnd = try #require(fixture.freeRunningStopsAtEndToken as Bool?)
    #expect(decode.stopReason == (stopsAtEnd ? .endToken : .maxLength))
  }

  // MARK: The exporter's checkpoint

  @Test("a checkpoint written by tools/keras_export.py gives Keras's probabilities and losses")
  func exportedCheckpoint() throws {
    let expected = try Fixture.load(Fixture.ExportedExpectation.self, named: "exported_state_bridge")
    let model = try Seq2SeqModel(checkpointAt: try Fixture.url(named: "exported_state_bridge", extension: "safetensors"))
    let trace = try model.trace(input: expected.input, target: expected.target)
    let decode = try #require(trace.teacherForced)
    try #require(decode.steps.count == expected.probabilities.count)
    for (step, (probabilities, loss)) in zip(decode.steps, zip(expected.probabilities, expected.losses)) {
      Fixture.expectClose(step.probabilities, probabilities, "step \(step.step) probabilities")
      Fixture.expectClose([try #require(step.loss)], [loss], "step \(step.step) loss")
    }
  }

  @Test("the exporter writes the same bytes as unrolled's own checkpoint writer")
  func exportedCheckpointBytes() throws {
    let url = try Fixture.url(named: "exported_state_bridge", extension: "safetensors")
    let written = try [UInt8](Data(contentsOf: url))
    let rewritten = try Seq2SeqModel(checkpointAt: url).checkpoint().serialized()
    let firstDifference =
      zip(written, rewritten).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(written.count, rewritten.count)
    #expect(
      written == rewritten,
      "keras_export.py and SafeTensorsFile disagree from byte \(firstDifference) (sizes \(written.count), \(rewritten.count))")
  }
}
