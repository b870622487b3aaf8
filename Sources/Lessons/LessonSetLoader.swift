import Foundation

/// Loads a lessons directory into a `LessonSet`, checking everything and reporting every
/// problem at once.
///
/// The directory holds `*.md` lessons (read in file-name order, then sorted by their `order`),
/// an optional `lessons.yml` and the glossary file it names. A `README.md` (in any case), other
/// files and subdirectories are ignored.
///
/// ```swift
/// let loader = LessonSetLoader(catalog: BuiltInModels())
/// do {
///   let set = try loader.load(directory: URL(fileURLWithPath: "lessons"))
///   set.lessons.map(\.title)  // ["Cells", "The encoder", …]
/// } catch {
///   // error.description: one `file:line:column: message` line per problem, e.g.
///   // 02-encoder.md:12:8: unknown model "adition"; known models: addition, reverse
/// }
/// ```
public struct LessonSetLoader: Sendable {
  /// The models lessons may use.
  public var catalog: any LessonModelCatalog
  /// Where glossary links point: `[x](glossary:term)` becomes `href="<glossaryPage>#term"`.
  public var glossaryPage: String

  /// Creates a loader.
  ///
  /// ```swift
  /// LessonSetLoader(catalog: catalog, glossaryPage: "glossary.html")
  /// ```
  public init(catalog: any LessonModelCatalog, glossaryPage: String = "glossary.html") {
    self.catalog = catalog
    self.glossaryPage = glossaryPage
  }

  /// Reads and checks the lessons directory at `directory`.
  ///
  /// ```swift
  /// try loader.load(directory: URL(fileURLWithPath: "Lessons")).lessons.count  // 7
  /// ```
  /// - Throws: `LessonSetError` with every problem, paths relative to `directory`.
  public func load(directory: URL) throws(LessonSetError) -> LessonSet {
    let names: [String]
    switch FileReading.names(inFolder: directory.path) {
    case .success(let found): names = found
    case .failure(let failure):
      // The folder itself is the place: there is no file in it to point at.
      throw LessonSetError(problems: [
        LessonProblem(
          at: SourceLocation(file: directory.relativePath, line: 1, column: 1),
          "cannot read the lessons folder: \(failure.reason)")
      ])
    }
    var files: [LessonFile] = []
    var problems: [LessonProblem] = []
    let realDirectory = directory.resolvingSymlinksInPath().path
    var attempted: Set<String> = []
    func read(_ name: String) {
      guard attempted.insert(name).inserted else { return }
      let url = directory.appendingPathComponent(name)
      let start = SourceLocation(file: name, line: 1, column: 1)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { return }
      // A symbolic link may point anywhere; what is published must come from the lessons.
      guard url.resolvingSymlinksInPath().path.hasPrefix(realDirectory + "/") else {
        problems.append(
          LessonProblem(
            at: start, "this is a link to a file outside the lessons directory; copy the file in instead"))
        return
      }
      let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
      if let size, let problem = Self.sizeProblem(path: name, byteCount: size) {
        problems.append(problem)
        return
      }
      let bytes: [UInt8]
      switch FileReading.bytes(atPath: url.path) {
      case .success(let read): bytes = read
      case .failure(let failure):
        problems.append(LessonProblem(at: start, "cannot read the file: \(failure.reason)"))
        return
      }
      guard let text = String(validating: bytes, as: UTF8.self) else {
        problems.append(LessonProblem(at: start, "the file is not UTF-8 text; save it as UTF-8"))
        return
      }
      files.append(LessonFile(path: name, text: text))
    }
    for name in names.sorted()
    where (name.hasSuffix(".md") && !Self.isReadme(name)) || name == LessonSetConfiguration.fileName {
      read(name)
    }
    // The glossary may have any name; lessons.yml says which (its problems are reported later).
    if let configuration = files.first(where: { $0.path == LessonSetConfiguration.fileName }),
      let glossary = LessonSetConfiguration(reading: configuration.text, problems: ProblemList())
        .glossaryFile,
      !files.contains(where: { $0.path == glossary })
    {
      read(glossary)
    }
    let set: LessonSet
    do {
      set = try load(files: files)
    } catch {
      throw LessonSetError(problems: problems + error.problems)
    }
    guard problems.isEmpty else { throw LessonSetError(problems: problems) }
    return set
  }

  /// Checks a lesson set given as files (paths relative to the lessons directory).
  ///
  /// ```swift
  /// try loader.load(files: [
  ///   LessonFile(path: "01-cells.md", text: "---\ntitle: Cells\norder: 1\n…---\nText.\n"),
  /// ]).lessons[0].slug  // "01-cells"
  /// ```
  /// - Throws: `LessonSetError` with every problem.
  public func load(files: [LessonFile]) throws(LessonSetError) -> LessonSet {
    let problems = ProblemList()
    let checker = ModelChecker(catalog: catalog, problems: problems)
    for file in files {
      if let problem = Self.sizeProblem(path: file.path, byteCount: file.text.utf8.count) {
        problems.report(problem.message, at: problem.location)
      }
    }
    let files = files.filter { $0.text.utf8.count <= LessonLimits.fileBytes }

    var configuration = LessonSetConfiguration()
    if let file = files.first(where: { $0.path == LessonSetConfiguration.fileName }) {
      configuration = LessonSetConfiguration(reading: file.text, problems: problems)
    }

    var glossary: Glossary?
    if let name = configuration.glossaryFile {
      if let file = files.first(where: { $0.path == name }) {
        // The glossary's own cross-links point within its page; lessons link to `glossaryPage`.
        glossary = Glossary.read(
          file, page: "", allowsRawHTML: configuration.allowsUnsafeHTML, checker: checker,
          problems: problems)
      } else {
        problems.report(
          "the glossary file `\(name)` is not in the lessons directory",
          at: configuration.glossaryLocation)
      }
    }
    let links = GlossaryLinks(
      slugs: configuration.glossaryFile == nil ? nil : (glossary?.entries.map(\.slug) ?? []),
      page: glossaryPage)

    let lessonFiles = files.filter {
      $0.path.hasSuffix(".md") && !Self.isReadme($0.path) && $0.path != configuration.glossaryFile
    }
    .sorted { $0.path < $1.path }
    if lessonFiles.isEmpty {
      problems.report(
        "the lessons directory has no `*.md` lessons",
        at: SourceLocation(file: ".", line: 1, column: 1))
    }
    var parsed: [LessonParser.Parsed] = []
    for file in lessonFiles {
      let parser = LessonParser(
        file: file, allowsRawHTML: configuration.allowsUnsafeHTML, glossary: links,
        checker: checker,
        problems: problems)
      if let lesson = parser.parse() { parsed.append(lesson) }
    }
    reportDuplicates(in: parsed, problems: problems)

    guard problems.isEmpty else { throw LessonSetError(problems: problems.problems) }
    return LessonSet(
      title: configuration.title, lessons: parsed.map(\.lesson).sorted { $0.order < $1.order },
      glossary: glossary, allowsUnsafeHTML: configuration.allowsUnsafeHTML, warnings: problems.warnings)
  }
}

extension LessonSetLoader {
  /// Whether `path` is a folder's `README.md` (in any case), which describes the folder to
  /// whoever opens it and is not a lesson.
  static func isReadme(_ path: String) -> Bool {
    path.lowercased() == "readme.md"
  }

  /// The problem with a file of `byteCount` bytes, if it is over ``LessonLimits/fileBytes``.
  fileprivate static func sizeProblem(path: String, byteCount: Int) -> LessonProblem? {
    guard byteCount > LessonLimits.fileBytes else { return nil }
    return LessonProblem(
      at: SourceLocation(file: path, line: 1, column: 1),
      "the file is \(byteCount) bytes; a file of a lesson set may be at most \(LessonLimits.fileBytes), so split it")
  }

  /// Two lessons may not share an `order` (their place would be ambiguous) or a slug (one page
  /// would overwrite the other). Reported at the later file, naming both.
  fileprivate func reportDuplicates(in parsed: [LessonParser.Parsed], problems: ProblemList) {
    var orders: [Int: String] = [:]
    var slugs: [String: String] = [:]
    for item in parsed {
      let lesson = item.lesson
      if let first = orders[lesson.order] {
        problems.report(
          "lessons \(first) and \(lesson.fileName) both have order \(lesson.order); give each lesson its own",
          at: item.orderLocation)
      } else {
        orders[lesson.order] = lesson.fileName
      }
      if let first = slugs[lesson.slug] {
        problems.report(
          "lessons \(first) and \(lesson.fileName) both have slug `\(lesson.slug)`; set `slug:` in one of them",
          at: item.slugLocation)
      } else {
        slugs[lesson.slug] = lesson.fileName
      }
    }
  }
}
