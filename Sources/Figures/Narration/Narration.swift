// Plain-language narration of one step of a trace, written at build time from the step's
// real values: what was read or fed, what the gates did on average, which unit's cell moved
// most and why, and what the decoder predicted. The rules are thresholds on those values
// (a gate mean above 0.8 is "mostly open", below 0.2 "mostly closed"); nothing is invented.
// Goals in order: true to the numbers, short enough to say aloud, then varied.

import Markup
import TraceCore

/// What a teacher would say about one step, in sentences generated from the trace.
///
/// The sentences are split in two so that a predict slide can ask before it tells:
/// `setup` is what the class may know before the step's outcome, `outcome` reveals it (the
/// prediction, whether it was right, the end of the output).
///
/// ```
/// Narration(step: .decoder(1), in: trace).text
/// // "The decoder is fed ‘1’, its own previous prediction (free-running). The forget gate
/// //  averages 0.91 here: the cell keeps most of what it held. … The decoder predicts ‘9’
/// //  with probability 0.84. That is the target."
/// ```
public struct Narration: Equatable, Sendable {
  /// Sentences that do not give the step's outcome away.
  public var setup: [String]
  /// Sentences that reveal the outcome; empty for encoder and bridge steps.
  public var outcome: [String]

  /// A gate whose mean is above this is "mostly open".
  public static let openThreshold: Float = 0.8
  /// A gate whose mean is below this is "mostly closed".
  public static let closedThreshold: Float = 0.2
  /// A cell change smaller than this (in absolute value) is not worth a sentence.
  public static let notableCellChange: Float = 0.005

  /// Every sentence, setup first, as one paragraph.
  public var text: String { (setup + outcome).joined(separator: " ") }

  /// The narration of `step` in `trace`; empty when the step is not in the trace. Without
  /// `includesCell` only what was read or fed and what was predicted are said (a compact
  /// walk's narration).
  public init(step: TraceStep, in trace: ModelTrace, includesCell: Bool = true) {
    let reader = TraceReader(trace)
    var speaker = Speaker(reader: reader)
    switch step {
    case .encoder(let i):
      guard let record = trace.encoder.forward[safe: i] else {
        self.init(setup: [], outcome: [])
        return
      }
      speaker.setup.append(
        record.values == nil
          ? "The encoder reads \(speaker.quoted(record.token)), \(speaker.inputNoun) \(record.position + 1) of \(trace.encoder.tokens.count)."
          : "The encoder reads the value \(record.token), number \(record.position + 1) of \(trace.encoder.tokens.count).")
      if let vector = record.inputVector {
        speaker.setup.append("What the LSTM reads is its row of the embedding table: \(vector.count) learned numbers.")
      }
      if includesCell { speaker.describeCell(at: step) }
    case .backward(let i):
      guard let record = trace.encoder.backward?[safe: i] else {
        self.init(setup: [], outcome: [])
        return
      }
      speaker.setup.append(
        "The backward LSTM reads \(speaker.quoted(record.token)) at position \(record.position + 1) of \(trace.encoder.tokens.count), going from the end to the start."
      )
      if includesCell { speaker.describeCell(at: step) }
    case .bridge:
      speaker.describeBridge()
    case .decoder(let i), .teacherForced(let i):
      guard let decode = reader.decode(for: step), let record = decode.steps[safe: i] else {
        self.init(setup: [], outcome: [])
        return
      }
      speaker.describeFedToken(record, decode: decode)
      if includesCell { speaker.describeCell(at: step) }
      speaker.describePrediction(record, decode: decode)
    }
    self.init(setup: speaker.setup, outcome: speaker.outcome)
  }

  /// A narration made of the given sentences.
  public init(setup: [String], outcome: [String]) {
    self.setup = setup
    self.outcome = outcome
  }
}

/// Builds the sentences of one step.
private struct Speaker {
  let reader: TraceReader
  var setup: [String] = []
  var outcome: [String] = []

  init(reader: TraceReader) { self.reader = reader }

  var trace: ModelTrace { reader.trace }

  /// The kind of token the output vocabulary holds, for "the true previous character".
  var tokenNoun: String { trace.model.outputVocabulary.unit == .word ? "word" : "character" }

  /// What the encoder reads one of per step, for "token 3 of 5": "word" for a word model.
  var inputNoun: String { trace.model.inputVocabulary.unit == .word ? "word" : "token" }

  func quoted(_ token: String) -> String { "‘\(reader.plainToken(token))’" }

  func number(_ value: Float) -> String { NumberText.fixed(value) }

  /// The forget gate, the input and output gates when they are clearly open or closed, and
  /// the unit whose cell moved most, with the term that moved it.
  mutating func describeCell(at step: TraceStep) {
    guard let cell = reader.cell(at: step) else { return }
    let previous = reader.previous(at: step).cell
    let startsEmpty = previous.allSatisfy { $0 == 0 }
    let forget = cell.forgetGate.mean
    if startsEmpty {
      setup.append("The cell starts empty, so the forget gate (mean \(number(forget))) has nothing to keep yet.")
    } else {
      setup.append("The forget gate averages \(number(forget)) here: the cell \(keeps(forget)) what it held.")
    }
    let input = cell.inputGate.mean
    if input > Narration.openThreshold {
      setup.append("The input gate is mostly open (\(number(input))): most of the candidate is written in.")
    } else if input < Narration.closedThreshold {
      setup.append("The input gate is mostly closed (\(number(input))): little new is written.")
    }
    if let sentence = biggestCellChange(cell: cell, previous: previous) { setup.append(sentence) }
    let output = cell.outputGate.mean
    if output > Narration.openThreshold {
      setup.append("The output gate is mostly open (\(number(output))): the hidden state shows most of the cell.")
    } else if output < Narration.closedThreshold {
      setup.append("The output gate is mostly closed (\(number(output))): the hidden state shows little of the cell.")
    }
  }

  func keeps(_ forget: Float) -> String {
    switch forget {
    case Narration.openThreshold...: return "keeps most of"
    case 0.6..<Narration.openThreshold: return "keeps more than half of"
    case 0.4..<0.6: return "keeps about half of"
    case Narration.closedThreshold..<0.4: return "keeps less than half of"
    default: return "lets go of most of"
    }
  }

  /// `Unit 5's cell grows from 0.12 to 0.44: the input gate (0.81) lets the candidate (0.55) in.`
  func biggestCellChange(cell: CellRecord, previous: [Float]) -> String? {
    var best: Int?
    var bestChange: Float = 0
    for unit in cell.cell.indices {
      let change = abs(cell.cell[unit] - (previous[safe: unit] ?? 0))
      if change > bestChange {
        best = unit
        bestChange = change
      }
    }
    guard let unit = best, bestChange >= Narration.notableCellChange else { return nil }
    let before = previous[safe: unit] ?? 0, after = cell.cell[unit]
    let forget = cell.forgetGate[unit], input = cell.inputGate[unit], candidate = cell.candidate[unit]
    let written = input * candidate
    let released = (1 - forget) * before  // what the forget gate takes away from the old value
    let verb = after > before ? "grows" : "drops"
    let reason: String
    if abs(written) >= abs(released) {
      reason =
        "the input gate (\(number(input))) lets \(candidate < 0 ? "the negative candidate" : "the candidate") (\(number(candidate))) in"
    } else {
      let share = forget < 0.5 ? "lets go of most of what it held" : "keeps only part of what it held"
      reason = "the forget gate (\(number(forget))) \(share)"
    }
    return "Unit \(unit)'s cell \(verb) from \(number(before)) to \(number(after)): \(reason)."
  }

  mutating func describeBridge() {
    switch trace.bridge.kind {
    case .states:
      let cell = trace.bridge.cell ?? []
      let units = cell.count
      if trace.model.kind.readsBothDirections {
        setup.append(
          "The forward and backward LSTMs' final states are joined: the decoder starts from \(units) hidden and \(units) cell values, half from each direction."
        )
      } else {
        setup.append(
          "The encoder has read all \(trace.encoder.tokens.count) \(inputNoun)s; its final hidden and cell states (\(units) values each) become the decoder's starting states."
        )
      }
      if let strongest = cell.indices.max(by: { abs(cell[$0]) < abs(cell[$1]) }) {
        setup.append("Unit \(strongest) carries the strongest memory across, c = \(number(cell[strongest])).")
      }
    case .repeatVector:
      let vector = trace.bridge.repeatedVector ?? []
      let count = trace.bridge.repeatCount ?? trace.primaryDecode.steps.count
      setup.append(
        trace.model.kind.decoderInput == .repeatedEncodingAndPreviousToken
          ? "The encoder's final output (\(vector.count) values) is copied \(count) times: the decoder reads the same vector at every step, together with the token it wrote last, so both its state and that token tell the steps apart."
          : "The encoder's final output (\(vector.count) values) is copied \(count) times: the decoder reads the same vector at every step, and only its own state tells the steps apart."
      )
    }
  }

  mutating func describeFedToken(_ record: DecoderStepRecord, decode: DecodeRecord) {
    if record.readsRepeatedVector == true {
      setup.append("Beside the token, the decoder reads the repeated encoding, the same vector as at every step.")
    }
    switch record.fedTokenSource {
    case .startToken:
      setup.append("The decoder is fed \(quoted(record.fedToken ?? "")), the start token: it has written nothing yet.")
    case .groundTruth:
      setup.append(
        "The decoder is fed \(quoted(record.fedToken ?? "")), the true previous \(tokenNoun) (teacher forcing).")
    case .ownPrediction:
      setup.append(
        "The decoder is fed \(quoted(record.fedToken ?? "")), its own previous prediction (free-running).")
    case .repeatedEncoding:
      setup.append("The decoder reads the repeated encoding, as at every step.")
    }
    if record.backwardState != nil {
      let later = decode.steps.dropFirst(record.step + 1).compactMap { $0.fedToken }
      setup.append(
        later.isEmpty
          ? "Its backward half starts here, at the last fed token."
          : "Its backward half has already read the \(later.count) tokens fed after this step, \(later.map(quoted).joined(separator: " ")): the target from this step on, which a free-running decoder would not have written yet."
      )
    }
    guard record.step == trace.firstDivergence else { return }
    let other = decode.feeding == .teacherForced ? trace.freeRunningDecode : trace.teacherForced
    let otherStep = other?.steps[safe: record.step]
    switch (decode.feeding, otherStep?.fedToken) {
    case (.freeRunning, .some(let truth)):
      setup.append(
        "Here free-running parts from teacher forcing, which would feed the true \(quoted(truth)): every later step builds on this mistake."
      )
    case (.teacherForced, .some(let own)):
      setup.append(
        "Here the free-running decode parts from this one: it is fed its own \(quoted(own)) instead.")
    default:
      setup.append(
        "Here the two decodes part: one has stopped and the other has not.")
    }
  }

  mutating func describePrediction(_ record: DecoderStepRecord, decode: DecodeRecord) {
    if record.predictedValues != nil {
      // A forecaster writes a number: no probabilities, a distance to the truth instead.
      outcome.append("The linear output layer writes \(record.predicted).")
      if let target = record.target, let loss = record.loss {
        outcome.append("The true value is \(target): the squared error is \(number(loss)).")
      }
      return
    }
    let ranked = reader.topPredictions(record, count: 2)
    let probability = ranked.first?.probability ?? 0
    let endsHere = record.predicted == trace.model.endToken
    var sentence = "The decoder predicts \(quoted(record.predicted)) with probability \(number(probability))"
    if probability < 0.5, let runnerUp = ranked[safe: 1] {
      sentence += ", just ahead of \(quoted(runnerUp.token)) at \(number(runnerUp.probability))"
    }
    sentence += endsHere ? ": the output ends here." : "."
    outcome.append(sentence)
    if let target = record.target {
      if target == record.predicted {
        outcome.append("That is the target.")
      } else {
        let index = trace.model.outputVocabulary.tokens.firstIndex(of: target)
        let targetProbability = index.flatMap { record.probabilities[safe: $0] } ?? 0
        outcome.append(
          "The target is \(quoted(target)), which gets only \(number(targetProbability)): this step is wrong.")
      }
    }
    if record.step == decode.steps.count - 1, decode.stopReason == .maxLength {
      outcome.append("The decoder has reached its limit of \(decode.steps.count) steps without writing the end token.")
    }
  }
}
