/// A heading of a lesson, for the contents sidebar.
///
/// ```markdown
/// ## The forget gate   ->  LessonHeading(level: 2, text: "The forget gate", id: "the-forget-gate")
/// ```
/// The rendered prose has `<h2 id="the-forget-gate">`; a repeated title gets `-2`, `-3`, ….
public struct LessonHeading: Hashable, Sendable {
  /// 1 for `#`, 2 for `##`, and so on.
  public var level: Int
  /// The heading's plain text (the Site escapes it).
  public var text: String
  /// The `id` of the heading element, unique in the lesson.
  public var id: String

  /// Creates a heading entry.
  ///
  /// ```swift
  /// LessonHeading(level: 2, text: "Gates", id: "gates")
  /// ```
  public init(level: Int, text: String, id: String) {
    self.level = level
    self.text = text
    self.id = id
  }
}
