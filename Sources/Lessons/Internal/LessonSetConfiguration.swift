/// The settings in `lessons.yml`; every key is optional.
///
/// ```yaml
/// title: Unrolled
/// unsafe-html: false
/// glossary: glossary.md
/// ```
struct LessonSetConfiguration {
  static let fileName = "lessons.yml"
  static let keys = ["title", "unsafe-html", "glossary"]

  var title = "Lessons"
  var allowsUnsafeHTML = false
  var glossaryFile: String?
  var glossaryLocation = SourceLocation(file: fileName, line: 1, column: 1)

  init() {}

  init(reading text: String, problems: ProblemList) {
    let start = SourceLocation(file: Self.fileName, line: 1, column: 1)
    let fields = YAMLFields(
      LessonParser.normalized(text), map: SourceMap(file: Self.fileName, text: text),
      what: Self.fileName,
      allowedKeys: Self.keys, missingLocation: start, problems: problems)
    title = fields.string("title", maximumLength: LessonLimits.titleCharacters) ?? title
    allowsUnsafeHTML = fields.bool("unsafe-html") ?? false
    glossaryFile = fields.string("glossary")
    glossaryLocation = fields.valueLocation("glossary")
    // The glossary is published as a page: a path out of the lessons directory would
    // publish a file the author never meant to share.
    if let name = glossaryFile,
      name.hasPrefix("/") || name.split(separator: "/").contains(where: { $0 == ".." })
    {
      problems.report(
        "the glossary `\(name)` must be a file inside the lessons directory, like `glossary.md`",
        at: glossaryLocation)
      glossaryFile = nil
    }
  }
}
