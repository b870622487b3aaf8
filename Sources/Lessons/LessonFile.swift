/// A file of a lesson set: its path relative to the lessons directory and its text.
///
/// `LessonSetLoader.load(files:)` takes these, so a lesson set can be checked without a disk.
///
/// ```swift
/// LessonFile(path: "01-cells.md", text: "---\ntitle: Cells\n…")
/// ```
public struct LessonFile: Hashable, Sendable {
  /// The path relative to the lessons directory, e.g. `01-cells.md` or `lessons.yml`.
  public var path: String
  /// The file's text.
  public var text: String

  /// Creates a file.
  ///
  /// ```swift
  /// LessonFile(path: "lessons.yml", text: "title: Unrolled\n")
  /// ```
  public init(path: String, text: String) {
    self.path = path
    self.text = text
  }
}
