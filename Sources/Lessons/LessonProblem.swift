/// One thing wrong in a lesson set: where it is and what to do about it.
///
/// ```swift
/// LessonProblem(
///   at: SourceLocation(file: "01-cells.md", line: 3, column: 1),
///   "unknown key `sumary` in the front matter; did you mean `summary`?"
/// ).description
/// // "01-cells.md:3:1: unknown key `sumary` in the front matter; did you mean `summary`?"
/// ```
public struct LessonProblem: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// Where the problem is.
  public var location: SourceLocation
  /// What is wrong, in one line, saying what to write instead where it can.
  public var message: String

  /// Creates a problem. The message stays one line even when it quotes text with line breaks
  /// (a YAML block scalar, a parser's snippet): each break is written `\n`.
  ///
  /// ```swift
  /// LessonProblem(at: SourceLocation(file: "a.md", line: 1, column: 1), "the lesson is empty")
  /// ```
  public init(at location: SourceLocation, _ message: String) {
    self.location = location
    self.message = message.replacingOccurrences(of: "\n", with: "\\n")
  }

  /// `file:line:column: message`, the format compilers use, so editors can jump to it.
  ///
  /// ```swift
  /// // "a.md:1:1: the lesson is empty"
  /// ```
  public var description: String { "\(location): \(message)" }

  /// Orders by location, then message, so a report never depends on discovery order.
  ///
  /// ```swift
  /// // a.md:1:1 < a.md:2:1 < b.md:1:1
  /// ```
  public static func < (lhs: LessonProblem, rhs: LessonProblem) -> Bool {
    if lhs.location != rhs.location { return lhs.location < rhs.location }
    return lhs.message < rhs.message
  }
}
