/// A number or text a lesson states about a model, to be filled in from a trace or checkpoint
/// when the site is built, never typed by hand.
///
/// In Markdown a fact is inline code that starts with `=`:
///
/// ```text
/// fact     = "=" subject { "." member }
/// subject  = model | "trace(" model "," string [ "," string ] ")"
/// model    = name | string            (a built-in name, or a checkpoint path in quotes)
/// member   = name [ "[" integer "]" ]
/// string   = '"' characters, with \" and \\ '"'
/// ```
///
/// The facts there are: the cases of ``FactPath``, listed for authors in docs/authoring.md
/// ("Facts"); `FactParser` reads them and names the valid ones when a fact is misspelt.
///
/// The rendered HTML holds `<span class="fact" data-fact-id="N"></span>` where `N` indexes
/// `Lesson.facts`; `LessonMaterials` computes the values and the Site's lesson page puts each
/// one inside its span, escaped.
///
/// ```swift
/// // `=trace(addition, " 2+10", "12").decoder[1].probability`
/// FactReference(model: "addition", input: " 2+10", target: "12",
///               path: .decoderPrediction(step: 1, .freeRunning, .probability), …)
/// ```
public struct FactReference: Hashable, Sendable {
  /// The model's name (or checkpoint path).
  public var model: String
  /// The input of the trace, for trace facts; nil for model facts.
  public var input: String?
  /// The target of the trace, if the fact needs one (loss, teacher forcing, divergence).
  public var target: String?
  /// Which value.
  public var path: FactPath
  /// The fact as the author wrote it, without backticks, e.g. `=addition.parameters`.
  public var source: String
  /// Where the fact is written.
  public var location: SourceLocation

  /// Creates a fact reference.
  ///
  /// ```swift
  /// FactReference(model: "addition", path: .epochs, source: "=addition.epochs",
  ///               location: SourceLocation(file: "a.md", line: 3, column: 9))
  /// ```
  public init(
    model: String, input: String? = nil, target: String? = nil, path: FactPath, source: String,
    location: SourceLocation
  ) {
    self.model = model
    self.input = input
    self.target = target
    self.path = path
    self.source = source
    self.location = location
  }
}
