/// One lesson of the tutorial: a Markdown file with front matter, parsed and checked.
///
/// ````markdown
/// ---
/// title: The forget gate
/// order: 2
/// summary: How an LSTM decides what to keep.
/// objectives: [Read a forget gate's values]
/// minutes: 10
/// ---
/// The model has `=addition.parameters` parameters.
/// ````
/// becomes a `Lesson` with `title` "The forget gate", `order` 2, one `.prose` block whose HTML
/// is `<p>The model has <span class="fact" data-fact-id="0"></span> parameters.</p>`, and
/// `facts[0]` the reference to `addition`'s parameter count.
public struct Lesson: Hashable, Sendable {
  /// The page name, from the front matter or else the file name without `.md`.
  public var slug: String
  /// The file, relative to the lessons directory.
  public var fileName: String
  /// The title.
  public var title: String
  /// The position in the course; lessons are sorted by it.
  public var order: Int
  /// One or two sentences for the contents page.
  public var summary: String
  /// What the reader will be able to do afterwards.
  public var objectives: [String]
  /// Estimated minutes to work through the lesson.
  public var minutes: Int
  /// The models the front matter says the lesson uses.
  public var models: [String]
  /// The lesson's content, in reading order.
  public var blocks: [LessonBlock]
  /// The facts the prose states; placeholder `data-fact-id="N"` is `facts[N]`.
  public var facts: [FactReference]
  /// The headings of the prose, for a contents sidebar.
  public var headings: [LessonHeading]
  /// The glossary terms (slugs) the lesson links to, sorted.
  public var glossaryTerms: [String]

  /// Creates a lesson.
  ///
  /// ```swift
  /// Lesson(slug: "cells", fileName: "01-cells.md", title: "Cells", order: 1, summary: "…",
  ///        objectives: ["…"], minutes: 5)
  /// ```
  public init(
    slug: String, fileName: String, title: String, order: Int, summary: String,
    objectives: [String],
    minutes: Int, models: [String] = [], blocks: [LessonBlock] = [], facts: [FactReference] = [],
    headings: [LessonHeading] = [], glossaryTerms: [String] = []
  ) {
    self.slug = slug
    self.fileName = fileName
    self.title = title
    self.order = order
    self.summary = summary
    self.objectives = objectives
    self.minutes = minutes
    self.models = models
    self.blocks = blocks
    self.facts = facts
    self.headings = headings
    self.glossaryTerms = glossaryTerms
  }

  /// Every model the lesson names: in its front matter, its figures and its facts; sorted.
  ///
  /// ```swift
  /// lesson.referencedModels  // ["addition", "reverse"]
  /// ```
  public var referencedModels: [String] {
    var names = Set(models)
    names.formUnion(facts.map(\.model))
    for case .trace(let figure) in blocks { names.insert(figure.model) }
    return names.sorted()
  }
}
