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
    title = fields.string("title") ?? title
    allowsUnsafeHTML = fields.bool("unsafe-html") ?? false
    glossaryFile = fields.string("glossary")
    glossaryLocation = fields.valueLocation("glossary")
  }
}
