import Foundation
import Testing

@testable import Trace
@testable import TraceCore

@Suite("Recording")
struct RecordingTests {
  @Test("the addition model's summary has Keras's parameter counts")
  func additionSummary() throws {
    let summary = ModelSummary(try ModelFactory.addition())
    #expect(summary.rows.map(\.parameters) == [26_400, 0, 25_200, 612], "the tutorial's layer sizes")
    #expect(summary.totalParameters == 52_212)
    #expect(summary.table.contains("Total params: 52,212"))
  }

  @Test("a word model's inputs are token ids, shaped as Keras shows Input(shape=(T,)), with no feature axis")
  func wordModelSummaryInputs() throws {
    let summary = ModelSummary(try BuiltInModel.commands.load())
    let inputs = summary.rows.filter { $0.layer.hasSuffix("(InputLayer)") }.map(\.outputShape)
    #expect(inputs == ["(None, None)", "(None, None)"], "a state bridge reads sequences of any length")
    let characters = ModelSummary(try BuiltInModel.dates.load()).rows.filter { $0.layer.hasSuffix("(InputLayer)") }
    #expect(characters.map(\.outputShape) == ["(None, None, 56)", "(None, None, 13)"], "one-hot characters keep their axis")
  }

  @Test("a repeat-bridge trace records every encoder step and the repeated encoding")
  func repeatBridgeTrace() throws {
    let model = try ModelFactory.addition()
    let trace = try model.trace(input: "2+10", target: "12")
    #expect(trace.encoder.tokens == [" ", "2", "+", "1", "0"], "inputs are right-justified as in training")
    #expect(trace.encoder.forward.count == 5)
    #expect(trace.encoder.forward.allSatisfy { $0.state.inputGate.count == 75 && $0.state.hidden.count == 75 })
    #expect(
      trace.bridge.repeatedVector == trace.encoder.forward.last?.state.hidden, "the repeated vector is the final hidden state")
    #expect(trace.bridge.repeatCount == 2)
    let free = trace.primaryDecode
    #expect(free.steps.count == 2 && free.stopReason == .fixedLength)
    #expect(free.steps.allSatisfy { $0.fedTokenSource == .repeatedEncoding && $0.fedToken == nil })
    #expect(trace.teacherForced?.steps.map(\.target) == ["1", "2"])
    #expect(trace.firstDivergence == nil, "nothing is fed back in a repeat bridge, so the decodes never part")
    for step in free.steps {
      #expect(abs(step.probabilities.reduce(0, +) - 1) < 1e-5, "probabilities sum to one")
    }
  }

  @Test(
    "a free-running repeat bridge writes every repeat, whatever the length of the target beside it",
    arguments: [false, true])
  func freeRunningRepeatBridgeIgnoresTheTargetLength(conditioned: Bool) throws {
    // Exported without output padding, so a target may be shorter than RepeatVector's count.
    var configuration = TinyModel.configuration(.init(bridge: .repeatVector, bidirectional: false, conditioned: conditioned))
    configuration.outputPadding = nil
    let model = try Seq2SeqModel(configuration: configuration, seed: 3)
    let trace = try model.trace(input: "ab", target: "c")
    #expect(trace.primaryDecode.steps.count == 3, "RepeatVector repeats 3 times")
    #expect(trace.primaryDecode.output.count == 3)
    #expect(trace.primaryDecode.stopReason == .fixedLength)
    #expect(trace.primaryDecode.steps.map(\.target) == ["c", nil, nil], "only the target's one token counts")
    #expect(trace.teacherForced?.steps.count == 1, "the teacher-forced decode is as long as its target")
    let untargeted = try model.trace(input: "ab").primaryDecode
    #expect(
      trace.primaryDecode.steps.map(\.predicted) == untargeted.steps.map(\.predicted), "the same decode as without a target")
  }

  @Test("a state-bridge trace feeds the start token, then truth or own predictions")
  func stateBridgeTrace() throws {
    let model = try ModelFactory.stateBridge()
    let trace = try model.trace(input: "abc", target: "cab")
    let forced = try #require(trace.teacherForced)
    #expect(forced.steps.map(\.fedToken) == ["\t", "c", "a", "b"], "start token, then the target shifted by one")
    #expect(forced.steps.map(\.fedTokenSource) == [.startToken, .groundTruth, .groundTruth, .groundTruth])
    #expect(forced.steps.map(\.target) == ["c", "a", "b", "\n"], "the target ends with the end token")
    #expect(forced.steps.allSatisfy { $0.loss != nil })
    let free = trace.primaryDecode
    #expect(free.steps.first?.fedTokenSource == .startToken)
    #expect(free.steps.dropFirst().allSatisfy { $0.fedTokenSource == .ownPrediction })
    #expect(free.steps.count <= 8, "the length limit stops an untrained decoder")
    for (index, step) in free.steps.enumerated().dropFirst() {
      #expect(step.fedToken == free.steps[index - 1].predicted, "free-running feeds back its own prediction")
    }
    #expect(trace.bridge.hidden == trace.encoder.forward.last?.state.hidden)
  }

  @Test("a state bridge pads its target after the end token, to exactly its most steps, as lstm_seq2seq does")
  func stateBridgePadsAfterTheEndToken() throws {
    var configuration = TinyModel.configuration(.init(bridge: .states, bidirectional: false))
    configuration.outputVocabulary = Vocabulary(tokens: [TinyModel.start, TinyModel.end, " "] + TinyModel.letters)
    configuration.outputPadding = Padding(width: 4, side: .right, token: " ")
    let model = try Seq2SeqModel(configuration: configuration, seed: 3)
    let forced = try #require(try model.trace(input: "ab", target: "ab").teacherForced)
    #expect(forced.steps.map(\.target) == ["a", "b", "\n", " "], "the example's decoder_target_data: text, newline, spaces")
    #expect(forced.steps.map(\.fedToken) == ["\t", "a", "b", "\n"], "its decoder_input_data: tab, text, newline")
    #expect(forced.steps.count == configuration.maxOutputLength, "no step past --max-output-length")
    let longest = try #require(try model.trace(input: "ab", target: "abc").teacherForced)
    #expect(longest.steps.map(\.target) == ["a", "b", "c", "\n"], "the longest target needs no padding")
  }

  @Test("a bidirectional encoder hands over its four states, concatenated")
  func bidirectionalBridge() throws {
    let model = try ModelFactory.stateBridge(bidirectional: true)
    let trace = try model.trace(input: "abcd")
    let backward = try #require(trace.encoder.backward)
    #expect(backward.map(\.position) == [3, 2, 1, 0], "the backward layer reads last to first")
    let forwardHidden = try #require(trace.bridge.forwardHidden), backwardHidden = try #require(trace.bridge.backwardHidden)
    #expect(trace.bridge.hidden == forwardHidden + backwardHidden)
    #expect(backwardHidden == backward.last?.state.hidden)
    #expect(trace.encoder.merged?.count == 4 && trace.encoder.merged?.first?.count == 12)
  }

  @Test("the first divergence is the first step fed differently")
  func firstDivergence() throws {
    func decode(_ fed: [String], _ feeding: DecodeRecord.Feeding) -> DecodeRecord {
      let cell = CellRecord(inputGate: [], forgetGate: [], candidate: [], outputGate: [], cell: [], hidden: [])
      return DecodeRecord(
        feeding: feeding,
        steps: fed.enumerated().map {
          DecoderStepRecord(
            step: $0.offset, fedToken: $0.element, fedTokenSource: .groundTruth, target: nil, state: cell, probabilities: [],
            predicted: "x", loss: nil)
        }, output: "", stopReason: .endToken, meanLoss: nil)
    }
    #expect(
      Seq2SeqModel.firstDivergence(
        teacherForced: decode(["\t", "a", "b"], .teacherForced), freeRunning: decode(["\t", "a", "c"], .freeRunning)) == 2)
    #expect(
      Seq2SeqModel.firstDivergence(
        teacherForced: decode(["\t", "a"], .teacherForced), freeRunning: decode(["\t", "a"], .freeRunning)) == nil)
    #expect(
      Seq2SeqModel.firstDivergence(
        teacherForced: decode(["\t", "a", "b"], .teacherForced), freeRunning: decode(["\t"], .freeRunning)) == 1,
      "one stopped, the other went on")
  }

  @Test(
    "bad inputs get one clear message",
    arguments: [
      ("", "the input is empty: give the addition model some text to read"),
      (
        "2x3",
        "the input has a character the addition model does not know: 'x'; allowed: '0' '1' '2' '3' '4' '5' '6' '7' '8' '9' '+' ' ' (space)"
      ),
      ("123+456", "the input has 7 characters; the addition model reads at most 5"),
    ])
  func badInput(input: String, message: String) throws {
    let model = try ModelFactory.addition()
    #expect(throws: TraceInputError.self) { try model.trace(input: input) }
    do {
      _ = try model.trace(input: input)
    } catch {
      #expect(error.description == message)
    }
  }

  @Test("a trace round-trips through JSON and encodes the same bytes twice")
  func jsonRoundTrip() throws {
    let trace = try ModelFactory.stateBridge(bidirectional: true).trace(input: "abc", target: "ab")
    let data = trace.jsonData()
    #expect(try ModelTrace(jsonData: data) == trace)
    #expect(data == trace.jsonData(), "deterministic bytes")
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.hasPrefix("{\"bridge\""), "keys are sorted")
    #expect(text.contains("\"format\":\"unrolled-trace\"") && text.contains("\"version\":1"))
  }

  @Test(
    "a trace's decodes follow its model's kind, and its JSON gives them back",
    arguments: ["state-lstm", "repeat-conditioned", "state-bidirectional-decoder"])
  func decodesByKind(name: String) throws {
    let model = try ModelFactory.tiny(name)
    let trace = try model.trace(input: "abc", target: "cab")
    switch (model.configuration.kind.decoding, trace.decodes) {
    case (.freeRunning, .tokens(_, let comparison)):
      #expect(comparison?.teacherForced == trace.teacherForced && trace.freeRunningRefusal == nil)
    case (.teacherForcedOnly(let reason), .teacherForcedOnly(let decode, let refusal)):
      #expect(refusal == reason.refusal(model: name) && decode == trace.primaryDecode && trace.freeRunningDecode == nil)
    default:
      Issue.record("\(name) made \(trace.decodes)")
    }
    #expect(try ModelTrace(jsonData: trace.jsonData()) == trace)
  }

  @Test("a forecaster's trace is one forecast, and its JSON gives it back")
  func forecastDecodes() throws {
    let model = try Seq2SeqModel(configuration: BuiltInModel.sines.recipe().configuration, seed: 3)
    let series = (0..<24).map { String(Float($0) / 24) }.joined(separator: ",")
    let trace = try model.trace(input: series)
    guard case .forecast(let forecast) = trace.decodes else {
      Issue.record("a forecaster's trace holds \(trace.decodes)")
      return
    }
    #expect(forecast.steps.count == 8 && trace.teacherForced == nil && trace.firstDivergence == nil)
    #expect(try ModelTrace(jsonData: trace.jsonData()) == trace)
  }

  @Test("a trace of another format or version is refused")
  func refusesOtherVersions() {
    #expect(throws: TraceFormatError.self) { try ModelTrace(jsonData: Data(#"{"format":"unrolled-trace","version":99}"#.utf8)) }
    #expect(throws: TraceFormatError.self) { try ModelTrace(jsonData: Data(#"{"format":"other"}"#.utf8)) }
  }
}
