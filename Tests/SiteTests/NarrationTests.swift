import Figures
import Foundation
import Markup
import Site
import Testing
import Trace

@Suite("Narration")
struct NarrationTests {
  /// Every step of the copy fixture, narrated: the golden sentences.
  @Test("every step of a fixture trace is narrated as recorded in the golden file")
  func goldenSentences() throws {
    let trace = try SiteFixtures.copyTrace()
    var steps: [TraceStep] = trace.encoder.forward.indices.map { .encoder($0) } + [.bridge]
    steps += (trace.teacherForced?.steps ?? []).indices.map { .teacherForced($0) }
    steps += trace.primaryDecode.steps.indices.map { .decoder($0) }
    let text = steps.map { step in
      let narration = Narration(step: step, in: trace)
      return
        "\(step.anchor)\n  setup: \(narration.setup.joined(separator: " "))\n  outcome: \(narration.outcome.joined(separator: " "))"
    }.joined(separator: "\n")
    try Snapshot.assertMatches(text, named: "narration-copy.txt")
  }

  /// A copy trace whose encoder step 1 has every unit's gates set to `gate` values.
  func traceWithGates(forget: Float, input: Float, output: Float) throws -> ModelTrace {
    var trace = try SiteFixtures.copyTrace()
    let units = trace.encoder.forward[1].state.cell.count
    trace.encoder.forward[1].state.forgetGate = Array(repeating: forget, count: units)
    trace.encoder.forward[1].state.inputGate = Array(repeating: input, count: units)
    trace.encoder.forward[1].state.outputGate = Array(repeating: output, count: units)
    return trace
  }

  @Test(
    "gate thresholds: above 0.8 mostly open, below 0.2 mostly closed, else no sentence for i and o",
    arguments: [
      (Float(0.91), "The forget gate averages 0.91 here: the cell keeps most of what it held."),
      (0.5, "The forget gate averages 0.50 here: the cell keeps about half of what it held."),
      (0.1, "The forget gate averages 0.10 here: the cell lets go of most of what it held."),
    ])
  func forgetGate(value: Float, sentence: String) throws {
    let narration = Narration(step: .encoder(1), in: try traceWithGates(forget: value, input: 0.5, output: 0.5))
    #expect(narration.setup.contains(sentence), "\(narration.setup)")
    #expect(!narration.text.contains("input gate is mostly"), "a middling input gate is not worth a sentence")
  }

  @Test("a word model's encoder reads words, each through its embedding row")
  func wordModel() throws {
    let model = try SiteFixtures.copyModel(
      units: 4, tokens: ["is", "lamp", "on", "the", "turn"], unit: .word, name: "words", embeddingSize: 3)
    let trace = try model.trace(input: "turn on the lamp")
    let narration = Narration(step: .encoder(1), in: trace)
    #expect(narration.setup.first == "The encoder reads ‘on’, word 2 of 4.")
    #expect(narration.setup.contains("What the LSTM reads is its row of the embedding table: 3 learned numbers."))
    #expect(Narration(step: .bridge, in: trace).setup.first?.hasPrefix("The encoder has read all 4 words;") == true)
    let characters = Narration(step: .encoder(0), in: try SiteFixtures.copyTrace())
    #expect(characters.setup.first?.hasSuffix("token 1 of 4.") == true, "character models keep their wording")
    #expect(!characters.text.contains("embedding"))
  }

  @Test("a mostly open input gate and a mostly closed output gate are said in words")
  func openAndClosed() throws {
    let narration = Narration(step: .encoder(1), in: try traceWithGates(forget: 0.5, input: 0.85, output: 0.15))
    #expect(narration.setup.contains("The input gate is mostly open (0.85): most of the candidate is written in."))
    #expect(
      narration.setup.contains("The output gate is mostly closed (0.15): the hidden state shows little of the cell."))
  }

  @Test("the unit whose cell moved most is named with the term that moved it")
  func biggestCellChange() throws {
    var trace = try SiteFixtures.copyTrace()
    var state = trace.encoder.forward[1].state
    let previous = trace.encoder.forward[0].state.cell
    for unit in state.cell.indices {
      state.forgetGate[unit] = 1
      state.inputGate[unit] = 0
      state.cell[unit] = previous[unit]
    }
    state.forgetGate[5] = 1
    state.inputGate[5] = 0.81
    state.candidate[5] = 0.55
    state.cell[5] = previous[5] + 0.81 * 0.55
    trace.encoder.forward[1].state = state
    let sentence =
      "Unit 5's cell grows from \(NumberText.fixed(previous[5])) to \(NumberText.fixed(state.cell[5])): the input gate (0.81) lets the candidate (0.55) in."
    #expect(Narration(step: .encoder(1), in: trace).setup.contains(sentence))
  }

  @Test(
    "a cell that moves because the old value fades names the forget gate",
    arguments: [(Float(0.62), "keeps only part of what it held"), (0.1, "lets go of most of what it held")])
  func fadingCell(forget: Float, words: String) throws {
    var trace = try SiteFixtures.copyTrace()
    var state = trace.encoder.forward[2].state
    let previous = trace.encoder.forward[1].state.cell
    for unit in state.cell.indices {
      state.forgetGate[unit] = 1
      state.inputGate[unit] = 0
      state.cell[unit] = previous[unit]
    }
    let unit = try #require(previous.indices.max { abs(previous[$0]) < abs(previous[$1]) })
    state.forgetGate[unit] = forget
    state.cell[unit] = forget * previous[unit]
    trace.encoder.forward[2].state = state
    let sentence =
      "Unit \(unit)'s cell \(previous[unit] > 0 ? "drops" : "grows") from \(NumberText.fixed(previous[unit])) to \(NumberText.fixed(state.cell[unit])): the forget gate (\(NumberText.fixed(forget))) \(words)."
    #expect(Narration(step: .encoder(2), in: trace).setup.contains(sentence))
  }

  @Test("the first encoder step says the cell starts empty")
  func firstStep() throws {
    let narration = Narration(step: .encoder(0), in: try SiteFixtures.copyTrace())
    #expect(narration.setup[0] == "The encoder reads ‘a’, token 1 of 4.")
    #expect(narration.setup[1].hasPrefix("The cell starts empty, so the forget gate (mean "))
  }

  @Test("the fed token's source is said: start, teacher forcing, own prediction, repeated encoding")
  func fedTokenSources() throws {
    let copy = try SiteFixtures.copyTrace()
    #expect(
      Narration(step: .teacherForced(0), in: copy).setup[0]
        == "The decoder is fed ‘⟨start⟩’, the start token: it has written nothing yet.")
    #expect(
      Narration(step: .teacherForced(2), in: copy).setup[0]
        == "The decoder is fed ‘b’, the true previous character (teacher forcing).")
    let free = try #require(copy.primaryDecode.steps[safe: 1])
    #expect(
      Narration(step: .decoder(1), in: copy).setup[0]
        == "The decoder is fed ‘\(HTML.displayToken(free.fedToken ?? ""))’, its own previous prediction (free-running).")
    let addition = try SiteFixtures.additionTrace()
    #expect(Narration(step: .decoder(0), in: addition).setup[0] == "The decoder reads the repeated encoding, as at every step.")
  }

  @Test("the prediction, its probability, the target and the end token are the outcome")
  func predictions() throws {
    var trace = try SiteFixtures.copyTrace()
    var step = trace.teacherForced!.steps[1]
    let tokens = trace.model.outputVocabulary.tokens
    step.probabilities = tokens.map { $0 == "b" ? 0.84 : 0.16 / Float(tokens.count - 1) }
    step.predicted = "b"
    step.target = "b"
    trace.setTeacherForcedStep(1, to: step)
    #expect(
      Narration(step: .teacherForced(1), in: trace).outcome == [
        "The decoder predicts ‘b’ with probability 0.84.", "That is the target.",
      ])
    step.target = "c"
    trace.setTeacherForcedStep(1, to: step)
    #expect(
      Narration(step: .teacherForced(1), in: trace).outcome.last == "The target is ‘c’, which gets only 0.03: this step is wrong."
    )
    step.probabilities = tokens.map { $0 == "\n" ? 0.97 : 0.03 / Float(tokens.count - 1) }
    step.predicted = "\n"
    trace.setTeacherForcedStep(1, to: step)
    #expect(
      Narration(step: .teacherForced(1), in: trace).outcome.first
        == "The decoder predicts ‘⟨end⟩’ with probability 0.97: the output ends here.")
  }

  @Test("an unsure prediction names the runner-up")
  func unsure() throws {
    var trace = try SiteFixtures.copyTrace()
    var step = trace.primaryDecode.steps[0]
    let tokens = trace.model.outputVocabulary.tokens
    step.probabilities = tokens.map { $0 == "a" ? 0.41 : $0 == "c" ? 0.33 : 0.26 / Float(tokens.count - 2) }
    step.predicted = "a"
    trace.setFreeRunningStep(0, to: step)
    #expect(
      Narration(step: .decoder(0), in: trace).outcome.first
        == "The decoder predicts ‘a’ with probability 0.41, just ahead of ‘c’ at 0.33.")
  }

  @Test("the first divergence is said on both decodes")
  func divergence() throws {
    var trace = try SiteFixtures.copyTrace()
    trace.setFirstDivergence(1)
    let forced = try #require(trace.teacherForced?.steps[1].fedToken)
    let own = try #require(trace.primaryDecode.steps[safe: 1]?.fedToken)
    #expect(
      Narration(step: .decoder(1), in: trace).setup.contains(
        "Here free-running parts from teacher forcing, which would feed the true ‘\(forced)’: every later step builds on this mistake."
      ))
    #expect(
      Narration(step: .teacherForced(1), in: trace).setup.contains(
        "Here the free-running decode parts from this one: it is fed its own ‘\(HTML.displayToken(own))’ instead."))
  }

  @Test("encoder and bridge steps reveal nothing, so they have no outcome")
  func noOutcome() throws {
    let trace = try SiteFixtures.bidirectionalTrace()
    #expect(Narration(step: .encoder(0), in: trace).outcome.isEmpty)
    #expect(Narration(step: .backward(0), in: trace).setup[0].hasPrefix("The backward LSTM reads ‘a’ at position 4 of 4"))
    let bridge = Narration(step: .bridge, in: trace)
    #expect(
      bridge.setup[0].hasPrefix("The forward and backward LSTMs' final states are joined: the decoder starts from 8 hidden"))
    #expect(bridge.outcome.isEmpty)
  }
}

/// Edits of a token trace with both decodes, for crafting one case from a recorded trace.
extension ModelTrace {
  fileprivate mutating func setTeacherForcedStep(_ index: Int, to step: DecoderStepRecord) {
    guard case .tokens(let free, var comparison?) = decodes else { return }
    comparison.teacherForced.steps[index] = step
    decodes = .tokens(freeRunning: free, comparison: comparison)
  }

  fileprivate mutating func setFreeRunningStep(_ index: Int, to step: DecoderStepRecord) {
    guard case .tokens(var free, let comparison) = decodes else { return }
    free.steps[index] = step
    decodes = .tokens(freeRunning: free, comparison: comparison)
  }

  fileprivate mutating func setFirstDivergence(_ step: Int?) {
    guard case .tokens(let free, var comparison?) = decodes else { return }
    comparison.firstDivergence = step
    decodes = .tokens(freeRunning: free, comparison: comparison)
  }
}
