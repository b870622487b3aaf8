import Markup

/// Rewrites a parsed Markdown document for a lesson page before cmark renders it: headings get
/// ids, facts become placeholders, glossary links point into the glossary page; and it reports
/// what is wrong with them.
///
/// One renderer serves a whole lesson (its body and its notes), so fact numbers and heading ids
/// are unique across the lesson.
final class ProseRenderer {
  /// Where fenced special blocks may appear in the document being rewritten.
  enum SpecialBlocks {
    /// Only at the top level (a lesson body, where the lesson parser turns them into blocks).
    case topLevelOnly
    /// Nowhere (notes, the glossary).
    case nowhere(in: String)
  }

  static let specialInfoWords: Set<String> = ["trace", "quiz", "notes", "math"]

  private let problems: ProblemList
  private let checker: ModelChecker
  /// Whether raw HTML is kept (`unsafe-html: true`); when not, each piece dropped is warned of.
  private let allowsRawHTML: Bool
  private let glossary: GlossaryLinks
  private(set) var facts: [FactReference] = []
  private(set) var headings: [LessonHeading] = []
  private(set) var glossaryTerms: Set<String> = []
  private var usedIDs: Set<String> = []
  /// The next number to try after each heading slug: thirty thousand `## Same` headings
  /// count up once, not from 2 each time.
  private var nextSuffix: [String: Int] = [:]

  init(problems: ProblemList, checker: ModelChecker, glossary: GlossaryLinks, allowsRawHTML: Bool) {
    self.problems = problems
    self.checker = checker
    self.glossary = glossary
    self.allowsRawHTML = allowsRawHTML
  }

  /// Applies the rewrites to `document`, whose positions `map` turns into file locations.
  ///
  /// - Parameters:
  ///   - identifiesHeadings: give headings ids and list them in `headings` (lesson bodies).
  ///   - factsForbiddenIn: nil if facts may appear; otherwise the place the error names.
  func rewrite(
    _ document: CommonMarkDocument, map: SourceMap, identifiesHeadings: Bool,
    factsForbiddenIn: String? = nil,
    specialBlocks: SpecialBlocks
  ) {
    document.rewrite { node in
      switch node.kind {
      case .heading(let level, let text):
        guard identifiesHeadings else { return .keep }
        let id = uniqueID(for: text)
        headings.append(LessonHeading(level: level, text: text, id: id))
        return .identifyHeading(id: HTMLEscaping.escape(id))
      case .inlineCode(let literal, let isInHeading):
        guard Self.isFact(literal) else { return .keep }
        let byteColumn = map.byteColumn(of: literal, line: node.line, near: node.byteColumn)
        let location = map.location(line: node.line, byteColumn: byteColumn)
        if let place = factsForbiddenIn {
          problems.report("facts are not allowed in \(place); write them in a lesson", at: location)
          return .keep
        }
        if isInHeading {
          // The contents sidebar shows headings as plain text, where no value can be filled in.
          problems.report(
            "facts are not allowed in headings; state the fact in the text below", at: location)
          return .keep
        }
        guard let fact = readFact(literal, at: location) else { return .keep }
        facts.append(fact)
        let id = HTMLEscaping.escape(String(facts.count - 1))
        return .replace(html: "<span class=\"fact\" data-fact-id=\"\(id)\"></span>")
      case .link(let url, let text):
        guard url.hasPrefix(GlossaryLinks.scheme) else { return .keep }
        let byteColumn = map.byteColumn(of: "[", line: node.line, near: node.byteColumn)
        let location = map.location(line: node.line, byteColumn: byteColumn)
        guard let slug = glossary.resolve(url: url, text: text, at: location, problems: problems)
        else {
          return .keep
        }
        glossaryTerms.insert(slug)
        let href = HTMLEscaping.escape(glossary.page + "#" + slug)
        return .wrap(open: "<a class=\"glossary-term\" href=\"\(href)\">", close: "</a>")
      case .codeBlock(let info, let isTopLevel):
        let word = String(info.split(separator: " ").first ?? "")
        guard Self.specialInfoWords.contains(word) else { return .keep }
        let location = map.location(line: node.line, byteColumn: node.byteColumn)
        switch specialBlocks {
        case .topLevelOnly where !isTopLevel:
          problems.report(
            "a `\(word)` block must be at the top level of the lesson, not inside a list or quote",
            at: location)
        case .nowhere(let place):
          problems.report("a `\(word)` block cannot be used in \(place)", at: location)
        case .topLevelOnly:
          break
        }
        return .keep
      case .rawHTML(let literal):
        // A closing tag or a comment is part of what was already warned of, or nothing.
        guard !allowsRawHTML, !literal.hasPrefix("</"), !literal.hasPrefix("<!--") else { return .keep }
        let byteColumn = map.byteColumn(of: "<", line: node.line, near: node.byteColumn)
        let tag = literal.trimmingCharacters(in: .whitespacesAndNewlines).prefix { !$0.isWhitespace && $0 != ">" }
        problems.warn(
          "raw HTML `\(tag)>` is left out of the page; write it in Markdown, or set `unsafe-html: true` in lessons.yml to keep it",
          at: map.location(line: node.line, byteColumn: byteColumn))
        return .keep
      case .paragraph:
        // CommonMark has no tables: a pipe table would show as lines of text with bars in them.
        guard Self.isPipeTableDelimiterRow(map.text(ofLine: node.line + 1)), map.text(ofLine: node.line).contains("|")
        else { return .keep }
        problems.warn(
          "this pipe table is not a table in CommonMark and shows as text with `|` in it; use a list, or an HTML <table> with `unsafe-html: true`",
          at: map.location(line: node.line, byteColumn: node.byteColumn))
        return .keep
      }
    }
  }

  /// Whether `line` is a pipe table's delimiter row: cells of dashes with optional colons,
  /// separated by `|`, as in `| --- | :---: |`.
  static func isPipeTableDelimiterRow(_ line: String) -> Bool {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    guard trimmed.contains("|"), trimmed.contains("-") else { return false }
    let inner = trimmed.drop { $0 == "|" }.reversed().drop { $0 == "|" }.reversed()
    let cells = String(inner).split(separator: "|", omittingEmptySubsequences: false)
    return cells.allSatisfy { cell in
      let text = cell.trimmingCharacters(in: .whitespaces)
      let dashes = text.drop { $0 == ":" }.reversed().drop { $0 == ":" }
      return !dashes.isEmpty && dashes.allSatisfy { $0 == "-" } && text.count - dashes.count <= 2
    }
  }

  /// Inline code is a fact when it starts with `=` and then a letter or `"`, so `` `=` `` and
  /// `` `==` `` stay code.
  static func isFact(_ literal: String) -> Bool {
    let scalars = Array(literal.unicodeScalars)
    guard scalars.count >= 2, scalars[0] == "=" else { return false }
    return (scalars[1].isASCII && scalars[1].properties.isAlphabetic) || scalars[1] == "\""
  }
}

extension ProseRenderer {
  fileprivate func uniqueID(for text: String) -> String {
    let base = Slug.make(text).isEmpty ? "section" : Slug.make(text)
    var id = base
    var counter = nextSuffix[base] ?? 2
    while usedIDs.contains(id) {
      id = "\(base)-\(counter)"
      counter += 1
    }
    nextSuffix[base] = counter
    usedIDs.insert(id)
    return id
  }

  fileprivate func readFact(_ literal: String, at location: SourceLocation) -> FactReference? {
    func at(_ offset: Int) -> SourceLocation {
      SourceLocation(file: location.file, line: location.line, column: location.column + offset)
    }
    var parser = FactParser(literal)
    let parsed: FactParser.Parsed
    do {
      parsed = try parser.parse()
    } catch {
      problems.report("fact `\(literal)`: \(error.message)", at: at(error.offset))
      return nil
    }
    guard let model = checker.model(named: parsed.model, at: at(parsed.modelOffset)) else {
      return nil
    }
    let problemsBefore = problems.problems.count
    if let input = parsed.input {
      checker.check(input: input, of: model, at: at(parsed.inputOffset))
    }
    if let target = parsed.target {
      checker.check(target: target, of: model, at: at(parsed.targetOffset))
    }
    if let unit = parsed.unit { checker.check(unit: unit.unit, of: model, at: at(unit.offset)) }
    if let (step, offset) = parsed.encoderStep, let input = parsed.input,
      let steps = model.encoderStepCount(of: input), step >= steps
    {
      problems.report(
        "encoder step \(step) is past the end of the input \"\(input)\" (\(model.stepsDescription(of: input)))",
        at: at(offset))
    }
    if parsed.target == nil, let need = Self.targetNeed(parsed.path) {
      problems.report(
        "fact `\(literal)` needs a target for \(need); write `trace(\(parsed.model), \"input\", \"target\")`",
        at: location)
    }
    guard problems.problems.count == problemsBefore else { return nil }
    return FactReference(
      model: parsed.model, input: parsed.input, target: parsed.target, path: parsed.path,
      source: literal,
      location: location)
  }

  /// What a fact needs a target for, if it does.
  fileprivate static func targetNeed(_ path: FactPath) -> String? {
    switch path {
    case .firstDivergence: "the first divergence"
    case .decoderPrediction(_, _, .loss): "the loss"
    case .decoderPrediction(_, .teacherForced, _), .decoderState(_, .teacherForced, _),
      .output(.teacherForced), .distinctDecoderInputs(.teacherForced):
      "teacher forcing"
    default: nil
    }
  }
}
