import Markup
import TraceCore

/// Reads a trace the way figures need it: a step's cell record, the states it started
/// from, the input it read, all as display-ready text.
package struct TraceReader {
  package let trace: ModelTrace

  package init(_ trace: ModelTrace) { self.trace = trace }

  package var model: ModelDescription { trace.model }

  /// A token as shown to learners, escaped.
  package func token(_ token: String) -> HTML {
    HTML(text: HTML.displayToken(token, start: model.startToken, end: model.endToken))
  }

  /// A decoded text as learners should see it, token by token (⟨start⟩, ␣, …), escaped.
  package func text(_ text: String) -> HTML {
    let vocabulary = model.outputVocabulary
    let tokens = vocabulary.tokenize(text).map(plainToken)
    return HTML(text: tokens.joined(separator: vocabulary.unit == .word ? " " : ""))
  }

  /// A token as shown to learners, not escaped (for `data-announce` built before escaping).
  package func plainToken(_ token: String) -> String {
    HTML.displayToken(token, start: model.startToken, end: model.endToken)
  }

  package func decode(for step: TraceStep) -> DecodeRecord? {
    if case .teacherForced = step { return trace.teacherForced }
    return trace.freeRunningDecode
  }

  /// The cell record of an LSTM step (`nil` for the bridge or an index out of range).
  package func cell(at step: TraceStep) -> CellRecord? {
    switch step {
    case .encoder(let i): return trace.encoder.forward[safe: i]?.state
    case .backward(let i): return trace.encoder.backward?[safe: i]?.state
    case .bridge: return nil
    case .decoder(let i): return trace.freeRunningDecode?.steps[safe: i]?.state
    case .teacherForced(let i): return trace.teacherForced?.steps[safe: i]?.state
    }
  }

  /// The states a step started from: the previous step's, the bridge's, or zeros.
  package func previous(at step: TraceStep) -> (cell: [Float], hidden: [Float]) {
    let units = cell(at: step)?.cell.count ?? 0
    let zeros = [Float](repeating: 0, count: units)
    switch step {
    case .encoder(let i):
      guard i > 0, let record = trace.encoder.forward[safe: i - 1] else { return (zeros, zeros) }
      return (record.state.cell, record.state.hidden)
    case .backward(let i):
      guard i > 0, let record = trace.encoder.backward?[safe: i - 1] else { return (zeros, zeros) }
      return (record.state.cell, record.state.hidden)
    case .bridge:
      return (zeros, zeros)
    case .decoder(let i), .teacherForced(let i):
      if i > 0, let record = decode(for: step)?.steps[safe: i - 1] { return (record.state.cell, record.state.hidden) }
      let bridge = trace.bridge
      switch (trace.model.kind.decoderInput, trace.model.kind.decoding) {
      case (.previousToken, .teacherForcedOnly(.bidirectionalDecoder)):
        // A step's record is the decoder's forward half, which starts from the encoder's
        // forward states alone (the backward half starts from the backward ones).
        if let cell = bridge.forwardCell, let hidden = bridge.forwardHidden { return (cell, hidden) }
      case (.previousToken, .freeRunning):
        if let cell = bridge.cell, let hidden = bridge.hidden { return (cell, hidden) }
      case (.repeatedEncoding, _), (.repeatedEncodingAndPreviousToken, _):
        break  // a repeat bridge's decoder starts from zeros
      }
      return (zeros, zeros)
    }
  }

  /// What the step read, as learner-facing plain text.
  package func inputText(at step: TraceStep) -> String {
    switch step {
    case .encoder(let i): return trace.encoder.forward[safe: i].map { plainToken($0.token) } ?? ""
    case .backward(let i): return trace.encoder.backward?[safe: i].map { plainToken($0.token) } ?? ""
    case .bridge: return ""
    case .decoder, .teacherForced:
      guard let record = decode(for: step)?.steps[safe: step.index] else { return "" }
      return record.fedToken.map {
        record.readsRepeatedVector == true ? "repeated encoding + " + plainToken($0) : plainToken($0)
      } ?? "repeated encoding"
    }
  }

  /// Every step of the encoder (forward then backward) and the decode, in walking order.
  package func walkSteps(feeding: DecodeRecord.Feeding) -> [TraceStep] {
    var steps: [TraceStep] = trace.encoder.forward.indices.map { .encoder($0) }
    steps += (trace.encoder.backward ?? []).indices.map { .backward($0) }
    steps.append(.bridge)
    switch feeding {
    case .freeRunning: steps += (trace.freeRunningDecode?.steps ?? []).indices.map { .decoder($0) }
    case .teacherForced: steps += (trace.teacherForced?.steps ?? []).indices.map { .teacherForced($0) }
    }
    return steps
  }

  /// The top `count` predictions of a decoder step, most probable first (ties by vocabulary order).
  package func topPredictions(_ record: DecoderStepRecord, count: Int) -> [(token: String, probability: Float)] {
    let tokens = model.outputVocabulary.tokens
    let ranked = record.probabilities.indices.sorted {
      record.probabilities[$0] != record.probabilities[$1] ? record.probabilities[$0] > record.probabilities[$1] : $0 < $1
    }
    return ranked.prefix(count).compactMap { index in
      tokens.indices.contains(index) ? (tokens[index], record.probabilities[index]) : nil
    }
  }
}
