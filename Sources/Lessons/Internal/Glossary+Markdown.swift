extension Glossary {
  /// Reads a glossary file: an optional `# Title`, then one `## Term` section per term.
  /// Returns the glossary (possibly with fewer entries) and reports every problem.
  static func read(
    _ file: LessonFile, page: String, allowsRawHTML: Bool, checker: ModelChecker,
    problems: ProblemList
  ) -> Glossary {
    let text = LessonParser.normalized(file.text)
    let map = SourceMap(file: file.path, text: text)
    let document = CommonMarkDocument(markdown: text, allowsRawHTML: allowsRawHTML)
    let blocks = document.blocks

    // The terms are known before the definitions are rendered, so definitions can link to each other.
    var terms: [(term: String, slug: String, index: Int, location: SourceLocation)] = []
    var title: String?
    var titleIndex: Int?
    for (index, block) in blocks.enumerated() {
      guard case .heading(let level, let heading) = block.kind else { continue }
      let location = map.location(line: block.line, byteColumn: block.byteColumn)
      if level == 1, title == nil, terms.isEmpty {
        title = heading
        titleIndex = index
      } else if level == 2 {
        let slug = Slug.make(heading)
        if slug.isEmpty {
          problems.report(
            "the term `\(heading)` needs letters or digits to make a link name", at: location)
        } else if let first = terms.first(where: { $0.slug == slug }) {
          problems.report(
            "the term `\(heading)` has the same link name `\(slug)` as the term at line \(first.location.line)",
            at: location)
        }
        terms.append((heading, slug, index, location))
      }
    }
    if terms.isEmpty {
      problems.report(
        "the glossary has no terms; write one `## Term` heading per term",
        at: map.location(line: 1, column: 1))
    }

    let links = GlossaryLinks(slugs: terms.map(\.slug), page: page)
    let renderer = ProseRenderer(
      problems: problems, checker: checker, glossary: links, allowsRawHTML: allowsRawHTML)
    renderer.rewrite(
      document, map: map, identifiesHeadings: false, factsForbiddenIn: "the glossary",
      specialBlocks: .nowhere(in: "the glossary"))

    let firstTerm = terms.first?.index ?? blocks.count
    let introductionStart = titleIndex.map { $0 + 1 } ?? 0
    let introduction = document.renderHTML(
      blocks: introductionStart..<max(firstTerm, introductionStart))
    var entries: [GlossaryEntry] = []
    for (position, term) in terms.enumerated() {
      let end = position + 1 < terms.count ? terms[position + 1].index : blocks.count
      let html = document.renderHTML(blocks: term.index + 1..<end)
      if html.isEmpty {
        problems.report("the term `\(term.term)` has no definition", at: term.location)
      }
      entries.append(
        GlossaryEntry(term: term.term, slug: term.slug, html: html, location: term.location))
    }
    return Glossary(
      fileName: file.path, title: title, introductionHTML: introduction, entries: entries)
  }
}
