/// A whole tutorial: its lessons in order, its glossary and its settings.
///
/// ```text
/// lessons/
///   lessons.yml       title: Unrolled / unsafe-html: false / glossary: glossary.md
///   01-cells.md       order: 1
///   02-encoder.md     order: 2
///   glossary.md
/// ```
/// loads (with `LessonSetLoader`) as `LessonSet(title: "Unrolled", lessons: [cells, encoder],
/// glossary: …, allowsUnsafeHTML: false)`.
public struct LessonSet: Hashable, Sendable {
  /// The tutorial's title, from `lessons.yml` (default "Lessons").
  public var title: String
  /// The lessons, sorted by `order`.
  public var lessons: [Lesson]
  /// The glossary, if `lessons.yml` names one.
  public var glossary: Glossary?
  /// Whether raw HTML in lessons is kept (`unsafe-html: true`) instead of dropped.
  public var allowsUnsafeHTML: Bool
  /// What the set's author should know but that does not stop it, sorted like problems:
  /// raw HTML left out, a pipe table shown as text.
  ///
  /// ```swift
  /// set.warnings.map(\.description)
  /// // ["01-cells.md:12:1: raw HTML `<div>` is left out of the page; …"]
  /// ```
  public var warnings: [LessonProblem]

  /// Creates a lesson set.
  ///
  /// ```swift
  /// LessonSet(title: "Unrolled", lessons: [], glossary: nil, allowsUnsafeHTML: false)
  /// ```
  public init(
    title: String, lessons: [Lesson], glossary: Glossary?, allowsUnsafeHTML: Bool, warnings: [LessonProblem] = []
  ) {
    self.title = title
    self.lessons = lessons
    self.glossary = glossary
    self.allowsUnsafeHTML = allowsUnsafeHTML
    self.warnings = warnings.sorted()
  }

  /// The lesson with this slug.
  ///
  /// ```swift
  /// set.lesson(slug: "01-cells")?.title  // "Cells"
  /// ```
  public func lesson(slug: String) -> Lesson? {
    lessons.first { $0.slug == slug }
  }
}
