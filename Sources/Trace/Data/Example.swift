/// One training pair: the text the encoder reads and the text the decoder must write.
///
/// ```
/// Example(source: " 2+10", target: "12")
/// Example(source: "Sunday, 22 November 2026", target: "2026-11-22")
/// ```
public struct Example: Hashable, Sendable, Codable {
  /// The text read by the encoder, one character per timestep.
  public var source: String
  /// The text the decoder must write, one character per timestep.
  public var target: String

  /// A pair of texts, kept exactly as given (spaces count as characters).
  public init(source: String, target: String) {
    self.source = source
    self.target = target
  }
}
