import Foundation

/// Turns one lesson file into a `Lesson`, reporting every problem it finds on the way.
struct LessonParser {
  /// A lesson and where its `order` and `slug` are written, for set-wide duplicate checks.
  struct Parsed {
    var lesson: Lesson
    var orderLocation: SourceLocation
    var slugLocation: SourceLocation
  }

  static let frontMatterKeys = [
    "title", "order", "summary", "objectives", "minutes", "models", "slug",
  ]

  let file: LessonFile
  let allowsRawHTML: Bool
  let glossary: GlossaryLinks
  let checker: ModelChecker
  let problems: ProblemList

  func parse() -> Parsed? {
    let text = Self.normalized(file.text)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let start = SourceLocation(file: file.path, line: 1, column: 1)

    // Front matter: YAML between a first `---` line and the next `---` (or `...`) line.
    var frontMatterEnd: Int?
    if lines.first.map(Self.trimmed) == "---" {
      frontMatterEnd = lines.indices.dropFirst().first {
        ["---", "..."].contains(Self.trimmed(lines[$0]))
      }
      if frontMatterEnd == nil {
        problems.report(
          "the front matter that starts here is never closed; end it with a `---` line", at: start)
      }
    } else {
      problems.report(
        "a lesson starts with front matter between `---` lines: title, order, summary, objectives, minutes",
        at: start)
    }
    let yaml = frontMatterEnd.map { lines[1..<$0].joined(separator: "\n") } ?? ""
    let fields = YAMLFields(
      yaml, map: SourceMap(file: file.path, text: yaml, lineOffset: 1), what: "the front matter",
      allowedKeys: Self.frontMatterKeys, missingLocation: start,
      problems: frontMatterEnd == nil ? ProblemList() : problems)
    let frontMatter = readFrontMatter(fields)

    // The body keeps its line numbers: the front matter lines are blanked, not removed, so cmark's
    // positions are already file positions.
    let bodyLines = lines.enumerated().map { index, line in
      index <= (frontMatterEnd ?? -1) ? "" : line
    }
    let body = bodyLines.joined(separator: "\n")
    let map = SourceMap(file: file.path, text: body)
    let document = CommonMarkDocument(markdown: body, allowsRawHTML: allowsRawHTML)
    let renderer = ProseRenderer(
      problems: problems, checker: checker, glossary: glossary, allowsRawHTML: allowsRawHTML)
    renderer.rewrite(document, map: map, identifiesHeadings: true, specialBlocks: .topLevelOnly)
    let blocks = readBlocks(document, map: map, renderer: renderer)

    guard let frontMatter else { return nil }
    let lesson = Lesson(
      slug: frontMatter.slug ?? Self.defaultSlug(for: file.path), fileName: file.path,
      title: frontMatter.title,
      order: frontMatter.order, summary: frontMatter.summary, objectives: frontMatter.objectives,
      minutes: frontMatter.minutes, models: frontMatter.models, blocks: blocks,
      facts: renderer.facts,
      headings: renderer.headings, glossaryTerms: renderer.glossaryTerms.sorted())
    return Parsed(
      lesson: lesson, orderLocation: fields.valueLocation("order"),
      slugLocation: fields.has("slug") ? fields.valueLocation("slug") : start)
  }

  /// The file name without `.md`, made into a slug: `01-LSTM Cells.md` -> `01-lstm-cells`.
  static func defaultSlug(for path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    return Slug.make(name.hasSuffix(".md") ? String(name.dropLast(3)) : name)
  }

  /// Without a byte-order mark and with `\n` line ends, so lines and columns match an editor's.
  static func normalized(_ text: String) -> String {
    var text = text
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    return text.replacingOccurrences(of: "\r\n", with: "\n")
  }

  static func trimmed(_ line: Substring) -> String {
    String(line.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}

extension LessonParser {
  fileprivate struct FrontMatter {
    var title: String
    var order: Int
    var summary: String
    var objectives: [String]
    var minutes: Int
    var models: [String]
    var slug: String?
  }

  fileprivate func readFrontMatter(_ fields: YAMLFields) -> FrontMatter? {
    let title = fields.string(
      "title", required: "the lesson's title", maximumLength: LessonLimits.titleCharacters)
    let order = fields.int("order", required: "the lesson's position in the course: 1, 2, 3, …")
    let summary = fields.string("summary", required: "one or two sentences for the contents page")
    let objectives = fields.strings(
      "objectives", required: "a list of what the reader will be able to do")
    let minutes = fields.int("minutes", required: "estimated minutes to work through the lesson")
    let models = fields.strings("models")
    let slug = fields.string("slug")

    if let objectives, objectives.isEmpty {
      problems.report(
        "`objectives` needs at least one objective", at: fields.valueLocation("objectives"))
    }
    if let minutes, minutes <= 0 {
      problems.report("`minutes` must be at least 1", at: fields.valueLocation("minutes"))
    }
    for model in models ?? [] {
      _ = checker.model(named: model.text, at: model.location)
    }
    if let slug, !Slug.isValid(slug) {
      problems.report(
        "slug `\(slug)` must be lowercase letters, digits and dashes, like `\(Slug.make(slug).isEmpty ? "lstm-cells" : Slug.make(slug))`",
        at: fields.valueLocation("slug"))
    }
    guard let title, let order, let summary, let objectives, !objectives.isEmpty, let minutes else {
      return nil
    }
    return FrontMatter(
      title: title, order: order, summary: summary, objectives: objectives.map(\.text),
      minutes: minutes,
      models: (models ?? []).map(\.text), slug: slug)
  }

  /// Walks the top-level blocks: special fences become typed blocks, runs of anything else
  /// become one prose block each.
  fileprivate func readBlocks(
    _ document: CommonMarkDocument, map: SourceMap, renderer: ProseRenderer
  ) -> [LessonBlock] {
    var blocks: [LessonBlock] = []
    var proseStart = 0
    let topLevel = document.blocks
    func flushProse(upTo end: Int) {
      if proseStart < end {
        let html = document.renderHTML(blocks: proseStart..<end)
        if !html.isEmpty { blocks.append(.prose(html: html)) }
      }
    }
    var specialCount = 0
    for (index, block) in topLevel.enumerated() {
      guard case .code(let info, let literal) = block.kind,
        let word = info.split(separator: " ").first.map(String.init),
        ProseRenderer.specialInfoWords.contains(word)
      else { continue }
      flushProse(upTo: index)
      proseStart = index + 1
      let location = map.location(line: block.line, byteColumn: block.byteColumn)
      specialCount += 1
      guard specialCount <= LessonLimits.specialBlocks else {
        problems.report(
          "this is block \(LessonLimits.specialBlocks + 1) of `trace`, `quiz`, `notes` and `math`; a lesson may have at most \(LessonLimits.specialBlocks), so split it into two lessons",
          at: location)
        break
      }
      let content = SourceMap(
        file: file.path, text: literal, lineOffset: block.line, columnOffset: location.column - 1)
      if let special = readSpecial(
        word, literal: literal, location: location, content: content, renderer: renderer)
      {
        blocks.append(special)
      }
    }
    flushProse(upTo: topLevel.count)
    return blocks
  }

  fileprivate func readSpecial(
    _ word: String, literal: String, location: SourceLocation, content: SourceMap,
    renderer: ProseRenderer
  ) -> LessonBlock? {
    switch word {
    case "trace":
      return TraceFigure.read(
        yaml: literal, map: content, location: location, checker: checker, problems: problems
      )
      .map(LessonBlock.trace)
    case "quiz":
      return Quiz.read(yaml: literal, map: content, location: location, problems: problems).map(
        LessonBlock.quiz)
    case "notes":
      let notes = CommonMarkDocument(markdown: literal, allowsRawHTML: allowsRawHTML)
      renderer.rewrite(
        notes, map: content, identifiesHeadings: false,
        specialBlocks: .nowhere(in: "presenter notes"))
      return .notes(html: notes.renderHTML())
    case "math":
      do {
        let source = literal.hasSuffix("\n") ? String(literal.dropLast()) : literal
        return .math(mathML: try TeXMath.mathML(for: source), source: source)
      } catch {
        problems.report(error.message, at: content.location(line: error.line, column: error.column))
        return nil
      }
    default:
      return nil
    }
  }
}
