/// One term of the glossary: a `## Term` section of the glossary file.
///
/// ```markdown
/// ## Teacher forcing
/// Feeding the decoder the true previous character while training.
/// ```
/// becomes `GlossaryEntry(term: "Teacher forcing", slug: "teacher-forcing",
/// html: "<p>Feeding the decoder …</p>\n", …)`.
public struct GlossaryEntry: Hashable, Sendable {
  /// The term as written in its heading.
  public var term: String
  /// The anchor on the glossary page and the name lessons link with (`glossary:teacher-forcing`).
  public var slug: String
  /// The definition rendered to HTML.
  public var html: String
  /// Where the term's heading is.
  public var location: SourceLocation

  /// Creates an entry.
  ///
  /// ```swift
  /// GlossaryEntry(term: "Cell state", slug: "cell-state", html: "<p>The memory.</p>\n",
  ///               location: SourceLocation(file: "glossary.md", line: 3, column: 1))
  /// ```
  public init(term: String, slug: String, html: String, location: SourceLocation) {
    self.term = term
    self.slug = slug
    self.html = html
    self.location = location
  }
}
