import Foundation
import Trace

/// One input through one model, as a lesson asks for it.
public struct TraceRequest: Hashable, Sendable {
  /// The model's name (built-in) or checkpoint path.
  public var model: String
  /// The input text.
  public var input: String
  /// The expected output, if any.
  public var target: String?

  /// A request for the trace of `input` (and `target`) through `model`.
  public init(model: String, input: String, target: String?) {
    self.model = model
    self.input = input
    self.target = target
  }
}

/// Everything a lesson set's pages show, made before any page is drawn: every trace a
/// figure or a fact asks for, and every fact's value as text.
///
/// ```
/// let materials = try LessonMaterials.gather(for: lessonSet, shelf: shelf)
/// materials.factValues["02-cell"]?[0]   // "52,212"
/// ```
public struct LessonMaterials: Sendable {
  /// The traces, one per distinct request.
  public var traces: [TraceRequest: ModelTrace]
  /// The models used, by name.
  public var models: [String: ModelShelf.Entry]
  /// Per lesson slug, the text of each fact in `Lesson.facts` order.
  public var factValues: [String: [String]]
  /// Per built-in model, the traces of its probe inputs, for its model page.
  public var modelExamples: [String: [ModelTrace]] = [:]

  /// Traces every figure and fact of `set` and resolves every fact; all problems at once.
  public static func gather(for set: LessonSet, shelf: ModelShelf) throws(LessonSetError) -> LessonMaterials {
    var problems: [LessonProblem] = []
    var materials = LessonMaterials(traces: [:], models: [:], factValues: [:])
    func entry(_ name: String, at location: SourceLocation) -> ModelShelf.Entry? {
      if let known = materials.models[name] { return known }
      switch shelf.load(name) {
      case .success(let loaded):
        materials.models[name] = loaded
        return loaded
      case .failure(let error):
        problems.append(LessonProblem(at: location, "model \(name) cannot be loaded: \(error)"))
        return nil
      }
    }
    func trace(_ request: TraceRequest, at location: SourceLocation) -> ModelTrace? {
      if let known = materials.traces[request] { return known }
      guard let model = entry(request.model, at: location)?.model else { return nil }
      do {
        let made = try model.trace(input: request.input, target: request.target)
        materials.traces[request] = made
        return made
      } catch {
        problems.append(LessonProblem(at: location, error.description))
        return nil
      }
    }
    for lesson in set.lessons {
      for case .trace(let figure) in lesson.blocks {
        if let input = figure.input {
          _ = trace(TraceRequest(model: figure.model, input: input, target: figure.target), at: figure.location)
        } else {
          _ = entry(figure.model, at: figure.location)
        }
        if figure.view == .history, let model = entry(figure.model, at: figure.location), model.history == nil {
          problems.append(
            LessonProblem(
              at: figure.location,
              "model \(figure.model) has no training history to show: there is no \(model.historyPath) beside its checkpoint"))
        }
        if figure.view == .history, let history = entry(figure.model, at: figure.location)?.history {
          for epoch in figure.epochs ?? [] where !history.probes.contains(where: { $0.epoch == epoch }) {
            let recorded = history.probes.map { String($0.epoch) }.joined(separator: ", ")
            problems.append(
              LessonProblem(
                at: figure.location, "model \(figure.model) has no snapshot at epoch \(epoch); recorded epochs: \(recorded)"))
          }
        }
      }
      var values: [String] = []
      for fact in lesson.facts {
        do {
          values.append(try materials.value(of: fact, entry: entry, trace: trace))
        } catch {
          problems.append(LessonProblem(at: fact.location, error.message))
          values.append("")
        }
      }
      materials.factValues[lesson.slug] = values
    }
    for name in shelf.modelNames {
      guard let builtIn = BuiltInModel(rawValue: name), case .success(let loaded) = shelf.load(name) else { continue }
      materials.models[name] = materials.models[name] ?? loaded
      var examples: [ModelTrace] = []
      for probe in builtIn.probes {
        // Shared with the lessons: an input a lesson already traced is not traced again.
        let request = TraceRequest(model: name, input: probe.input, target: probe.target)
        if materials.traces[request] == nil {
          // Probes are traced during training, so they fit the model; one that did not
          // would be left off the model page rather than stop the site.
          materials.traces[request] = try? loaded.model.trace(input: probe.input, target: probe.target)
        }
        if let trace = materials.traces[request] { examples.append(trace) }
      }
      materials.modelExamples[name] = examples
    }
    guard problems.isEmpty else { throw LessonSetError(problems: problems.sorted()) }
    return materials
  }
}

/// Why a fact has no value.
struct FactError: Error {
  var message: String
}

extension LessonMaterials {
  /// The text a fact stands for: counts grouped by thousands, rates as percentages, gate
  /// and state values to three decimals, tokens quoted with invisible ones named.
  func value(
    of fact: FactReference, entry: (String, SourceLocation) -> ModelShelf.Entry?,
    trace: (TraceRequest, SourceLocation) -> ModelTrace?
  ) throws(FactError) -> String {
    guard let model = entry(fact.model, fact.location) else { throw FactError(message: "no model \(fact.model)") }
    func lastValidation() throws(FactError) -> ValidationMetrics {
      guard let metrics = model.history?.epochs.last?.validation else {
        throw FactError(
          message: model.history == nil
            ? "model \(fact.model) has no training history, so `\(fact.source)` has no value: there is no \(model.historyPath) beside its checkpoint"
            : "model \(fact.model) has no training history with a validation set, so `\(fact.source)` has no value")
      }
      return metrics
    }
    switch fact.path {
    case .parameterCount(let part):
      let layers = model.model
      let count: Int
      switch part {
      case nil: count = layers.parameterCount
      case .encoder?: count = layers.encoder.parameterCount + (layers.encoderEmbedding?.parameterCount ?? 0)
      case .decoder?:
        count =
          layers.decoder.parameterCount + (layers.decoderBackward?.parameterCount ?? 0)
          + (layers.decoderEmbedding?.parameterCount ?? 0)
      case .output?: count = layers.output.parameterCount
      }
      return ModelSummary.grouped(count)
    case .accuracy(.exactMatch), .accuracy(.perCharacter):
      let metrics = try lastValidation()
      guard let value = fact.path == .accuracy(.exactMatch) ? metrics.exactMatch : metrics.freeRunningCharacterAccuracy
      else {
        throw FactError(
          message:
            "model \(fact.model) cannot decode free-running (its decoder is bidirectional), so `\(fact.source)` has no value; use accuracy.teacherForced"
        )
      }
      return Self.percent(value)
    case .accuracy(.teacherForced):
      return Self.percent(try lastValidation().teacherForcedCharacterAccuracy)
    case .accuracy(let measure):
      guard let forecast = try lastValidation().forecast else {
        throw FactError(message: "model \(fact.model) writes tokens, not numbers: `\(fact.source)` is for series models")
      }
      switch measure {
      case .rootMeanSquaredError: return Self.decimal(forecast.rootMeanSquaredError)
      case .meanAbsoluteError: return Self.decimal(forecast.meanAbsoluteError)
      case .naiveRootMeanSquaredError: return Self.decimal(forecast.naiveRootMeanSquaredError)
      case .exactMatch, .perCharacter, .teacherForced: return Self.percent(0)  // answered above
      }
    case .epochs:
      guard let epochs = model.history?.epochs.count else {
        throw FactError(
          message: "model \(fact.model) has no training history: there is no \(model.historyPath) beside its checkpoint")
      }
      return String(epochs)
    case .units:
      return String(model.model.configuration.encoder.units)
    default:
      break
    }
    let request = TraceRequest(model: fact.model, input: fact.input ?? "", target: fact.target)
    guard let recorded = trace(request, fact.location) else {
      throw FactError(message: "the trace for `\(fact.source)` could not be made")
    }
    func decode(_ decoding: FactPath.Decoding) throws(FactError) -> DecodeRecord {
      switch decoding {
      case .freeRunning:
        guard let free = recorded.freeRunningDecode else {
          throw FactError(
            message: "`\(fact.source)` needs a free-running decode: \(recorded.freeRunningRefusal ?? "there is none")")
        }
        return free
      case .teacherForced:
        guard let forced = recorded.teacherForced else {
          throw FactError(message: "`\(fact.source)` needs a target for teacher forcing")
        }
        return forced
      }
    }
    func reading(_ cell: CellRecord, _ reading: FactPath.StateReading) throws(FactError) -> String {
      let values: [Float]
      switch reading.quantity {
      case .inputGate: values = cell.inputGate
      case .forgetGate: values = cell.forgetGate
      case .candidate: values = cell.candidate
      case .outputGate: values = cell.outputGate
      case .cellState: values = cell.cell
      case .hiddenState: values = cell.hidden
      }
      switch reading.summary {
      case .mean: return Self.decimal(values.reduce(0, +) / Float(max(values.count, 1)))
      case .unit(let unit):
        guard values.indices.contains(unit) else {
          throw FactError(message: "unit \(unit) does not exist: this layer has \(values.count) units (0 to \(values.count - 1))")
        }
        return Self.decimal(values[unit])
      }
    }
    switch fact.path {
    case .encoderState(let step, let stateReading):
      guard recorded.encoder.forward.indices.contains(step) else {
        throw FactError(
          message:
            "the encoder reads \(recorded.encoder.forward.count) tokens (steps 0 to \(recorded.encoder.forward.count - 1)); there is no step \(step)"
        )
      }
      return try reading(recorded.encoder.forward[step].state, stateReading)
    case .decoderState(let step, let decoding, let stateReading):
      let steps = try decode(decoding).steps
      guard steps.indices.contains(step) else {
        throw FactError(message: "this decode has \(steps.count) steps; there is no step \(step)")
      }
      return try reading(steps[step].state, stateReading)
    case .decoderPrediction(let step, let decoding, let prediction):
      let steps = try decode(decoding).steps
      guard steps.indices.contains(step) else {
        throw FactError(message: "this decode has \(steps.count) steps; there is no step \(step)")
      }
      switch prediction {
      case .token: return Self.token(steps[step].predicted, of: recorded.model)
      case .probability:
        let index = recorded.model.outputVocabulary.id(of: steps[step].predicted) ?? 0
        return Self.decimal(steps[step].probabilities[index])
      case .loss:
        guard let loss = steps[step].loss else { throw FactError(message: "step \(step) has no target, so no loss") }
        return Self.decimal(loss)
      }
    case .firstDivergence:
      guard recorded.teacherForced != nil else { throw FactError(message: "`\(fact.source)` needs a target") }
      return recorded.firstDivergence.map(String.init) ?? "never"
    case .output(let decoding):
      return "“" + (try decode(decoding).output) + "”"
    case .distinctDecoderInputs(let decoding):
      // A step's input is the repeated vector (the same one at every step, when read), the
      // fed token's one-hot vector (when fed), or both side by side.
      let inputs = try decode(decoding).steps.map { step in
        let readsEncoding = step.fedTokenSource == .repeatedEncoding || step.readsRepeatedVector == true
        return DecoderInput(readsEncoding: readsEncoding, token: step.fedToken)
      }
      var distinct: [DecoderInput] = []
      for input in inputs where !distinct.contains(input) { distinct.append(input) }
      return String(distinct.count)
    default:
      throw FactError(message: "unsupported fact `\(fact.source)`")
    }
  }

  /// What one decoder step read, as far as telling steps' inputs apart needs.
  private struct DecoderInput: Equatable {
    var readsEncoding: Bool
    var token: String?
  }

  static func percent(_ rate: Float) -> String { String(format: "%.1f%%", 100 * rate) }
  static func decimal(_ value: Float) -> String { String(format: "%.3f", value) }
  /// A token in running text: its visible name (``TokenDisplay``), quoted unless it is a
  /// role such as ⟨end⟩.
  static func token(_ token: String, of model: ModelDescription) -> String {
    let name = model.displayName(of: token)
    return name.hasPrefix("⟨") ? name : "“\(name)”"
  }
}
