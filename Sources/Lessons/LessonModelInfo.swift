import Trace

/// What the Lessons module needs to know about a model to check lessons that use it: its
/// name and its configuration, through which every input and target is checked by the one
/// rule the model itself reads them with (``Seq2SeqConfiguration/prepare(input:target:)``).
///
/// ```swift
/// let info = LessonModelInfo(name: "addition", configuration: addition.configuration)
/// info.encoderStepCount(of: "2+10")   // 5: the model pads its input to five characters
/// ```
public struct LessonModelInfo: Equatable, Sendable {
  /// The name lessons use for the model.
  public var name: String
  /// The model's configuration: vocabularies, lengths, padding, units.
  public var configuration: Seq2SeqConfiguration

  /// A description of the model called `name`.
  public init(name: String, configuration: Seq2SeqConfiguration) {
    self.name = name
    self.configuration = configuration
  }

  /// The number of LSTM units of the smaller layer, so unit numbers can be checked.
  public var units: Int { min(configuration.encoder.units, configuration.decoder.units) }

  /// Whether the model reads and writes numbers (a series model) rather than tokens.
  public var readsNumbers: Bool { configuration.series != nil }

  /// How many steps the encoder takes over `input` once the model has prepared it (padded,
  /// split into words), or nil when the model refuses the input.
  public func encoderStepCount(of input: String) -> Int? {
    try? configuration.prepare(input: input).encoderStepCount
  }

  /// The steps of `input` in words, for a message: "3 characters, steps 0-2", "4 words,
  /// steps 0-3", "4 characters padded to 5 steps, steps 0-4".
  func stepsDescription(of input: String) -> String {
    let steps = encoderStepCount(of: input) ?? 0
    let unit = configuration.inputVocabulary.unit == .word ? "word" : "character"
    let written = configuration.inputVocabulary.tokenize(input).count
    let range = "steps 0-\(steps - 1)"
    if readsNumbers { return "\(steps) steps of numbers, \(range)" }
    let count = "\(written) \(unit)\(written == 1 ? "" : "s")"
    return written == steps ? "\(count), \(range)" : "\(count) padded to \(steps) steps, \(range)"
  }
}
