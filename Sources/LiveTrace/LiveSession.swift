// A reader's own input, traced and drawn: what the page's WebAssembly does when a learner
// submits the input field, in portable Swift. The same model code as `unrolled trace`
// (TraceCore) and the same figure code as the static build (Figures), so the page draws,
// byte for byte, what the site would have written for that input.

import Figures
import Markup
import TraceCore

/// One model loaded from its checkpoint's bytes, ready to trace inputs.
///
/// ```
/// let session = try LiveSession(checkpoint: bytes)
/// let trace = try session.trace(input: "909+91", target: nil)
/// session.render(trace, as: .modelExample(prefix: "you"))  // the walk, the decodes, …
/// ```
public struct LiveSession {
  /// The model.
  public let model: Seq2SeqModel
  /// What the model was trained on, for the note on an input outside it.
  public var domain: TrainingDomain = .anything

  /// Reads a checkpoint as the page does: ``TraceCore/Seq2SeqModel/init(portableCheckpoint:)``.
  public init(checkpoint bytes: [UInt8]) throws(CheckpointError) {
    model = try Seq2SeqModel(portableCheckpoint: try SafeTensorsFile(bytes: bytes))
  }

  /// Traces `input` (and `target`), with the CLI's own checks and messages.
  public func trace(input: String, target: String?) throws(TraceInputError) -> ModelTrace {
    try model.trace(input: input, target: target)
  }

  /// The note on an input outside the model's training data, as `unrolled trace` prints it
  /// (`note: …`), or `nil`.
  public func note(for input: String) -> String? {
    domain.notice(for: input, model: model.configuration.name)
  }

  /// What to draw of a trace.
  public enum View: Equatable, Sendable {
    /// The trace as `unrolled trace --format json` writes it.
    case json
    /// The figures of one example on a model page, their ids starting with `prefix`.
    case modelExample(prefix: String)
    /// The inside of a trace page's `<article>`: title, lede, contents and sections.
    case tracePage
    /// A lesson's trace figure, with the lesson's view and options, its id `id`.
    case lessonFigure(id: String, drawing: TraceFigureDrawing)
    /// The inside of a walkthrough deck's `<article>`: every slide (`unrolled walkthrough`),
    /// working out `unit`'s arithmetic.
    case walkthrough(unit: Int)
  }

  /// The text of `view` for `trace`.
  public func render(_ trace: ModelTrace, as view: View) -> String {
    switch view {
    case .json: return trace.jsonText(pretty: true) + "\n"
    case .modelExample(let prefix): return TracePage.exampleFigures(trace, prefix: prefix).string
    case .tracePage: return TracePage.article(trace, outsideTraining: note(for: trace.input)).string
    case .lessonFigure(let id, let drawing): return drawing.html(trace, id: id).string
    case .walkthrough(let unit): return Walkthrough(trace: trace, unit: unit).articleContent.string
    }
  }
}
