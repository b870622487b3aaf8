/// A figure drawn from a recorded trace: what a ```` ```trace ```` block asks for.
///
/// ````markdown
/// ```trace
/// model: addition
/// input: " 2+10"
/// target: "12"
/// view: decoder
/// steps: 0-2
/// caption: The decoder writes 1, then 2, then stops.
/// ```
/// ````
/// becomes `TraceFigure(model: "addition", input: " 2+10", target: "12", view: .decoder,
/// steps: [0, 1, 2], caption: "The decoder writes 1, then 2, then stops.", …)`.
public struct TraceFigure: Hashable, Sendable {
  /// The model: a built-in name or a checkpoint path.
  public var model: String
  /// The text the encoder reads; nil only in a `history` view, which then follows the
  /// history's first probe input.
  public var input: String?
  /// The expected output, for teacher forcing, losses and comparisons.
  public var target: String?
  /// Which picture to draw.
  public var view: TraceView
  /// The timesteps to show (from 0); nil shows them all.
  public var steps: [Int]?
  /// The units to show (from 0); nil shows them all.
  public var units: [Int]?
  /// The unit whose arithmetic is worked through, number by number.
  public var unit: Int?
  /// The epochs to show in a `history` view; nil shows them all.
  public var epochs: [Int]?
  /// The figure's caption, also its alt text. Plain text: the Site escapes it.
  public var caption: String
  /// Where the block's opening fence is.
  public var location: SourceLocation
  /// Whether the page gives the figure an input field that redraws it for a reader's own
  /// input (`live: false` turns it off); a `history` view never has one.
  public var live = true

  /// Creates a figure.
  ///
  /// ```swift
  /// TraceFigure(model: "addition", input: " 2+10", view: .encoder, caption: "Reading.",
  ///             location: SourceLocation(file: "a.md", line: 9, column: 1))
  /// ```
  public init(
    model: String, input: String?, target: String? = nil, view: TraceView, steps: [Int]? = nil,
    units: [Int]? = nil, unit: Int? = nil, epochs: [Int]? = nil, caption: String,
    location: SourceLocation
  ) {
    self.model = model
    self.input = input
    self.target = target
    self.view = view
    self.steps = steps
    self.units = units
    self.unit = unit
    self.epochs = epochs
    self.caption = caption
    self.location = location
  }
}
