/// The lesson set's glossary: terms that lessons link to.
///
/// ```markdown
/// # Glossary
/// ## Cell state
/// The LSTM's long-term memory.
/// ## Teacher forcing
/// Feeding the true previous character.
/// ```
/// becomes `Glossary(title: "Glossary", entries: [cell-state, teacher-forcing], …)`; a lesson
/// links to a term with `[teacher forcing](glossary:teacher-forcing)`.
public struct Glossary: Hashable, Sendable {
  /// The file, relative to the lessons directory.
  public var fileName: String
  /// The text of a leading `#` heading, if any.
  public var title: String?
  /// HTML of anything between the title and the first term.
  public var introductionHTML: String
  /// The terms, in the order the file lists them.
  public var entries: [GlossaryEntry]

  /// Creates a glossary.
  ///
  /// ```swift
  /// Glossary(fileName: "glossary.md", title: "Glossary", introductionHTML: "", entries: [])
  /// ```
  public init(fileName: String, title: String?, introductionHTML: String, entries: [GlossaryEntry]) {
    self.fileName = fileName
    self.title = title
    self.introductionHTML = introductionHTML
    self.entries = entries
  }

  /// The entry with this slug.
  ///
  /// ```swift
  /// glossary.entry(slug: "cell-state")?.term  // "Cell state"
  /// ```
  public func entry(slug: String) -> GlossaryEntry? {
    entries.first { $0.slug == slug }
  }
}
