import Foundation
import Testing

@testable import Lessons

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Input a teacher would never write, or an attacker would: each is refused with one problem
/// (or loads) at once, instead of crashing the tool, hanging it or publishing what it should
/// not. The sizes are those that crashed the tool or took it tens of seconds before
/// (issue 15); each case now loads in milliseconds, so the suite simply stays fast.
@Suite("Hostile and huge lessons")
struct HostileLessonTests {
  /// A new, empty folder for a test that needs real files; the caller removes it.
  static func emptyFolder(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("unrolled-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// A lesson `a.md` whose body (from line 8) is `body`.
  static func lesson(_ body: String) -> [String: String] { ["a.md": Fixtures.frontMatter + body] }

  struct NestingCase: CustomTestStringConvertible, Sendable {
    var opening: String
    var repeats: Int
    /// The column of the group one past the limit, on line 9 (the block's first line).
    var column: Int
    var testDescription: String { "\(opening) ×\(repeats)" }
  }

  static let nesting = [
    NestingCase(opening: "{", repeats: 27_578, column: LessonLimits.mathNesting + 1),
    NestingCase(opening: "x^{", repeats: 100_000, column: 3 * (LessonLimits.mathNesting + 1)),
    NestingCase(opening: "\\frac{", repeats: 100_000, column: 6 * (LessonLimits.mathNesting + 1)),
  ]

  @Test("a math block nested past the limit is one problem at the group, not a crash", arguments: nesting)
  func deepMath(_ example: NestingCase) {
    let formula = String(repeating: example.opening, count: example.repeats)
    #expect(
      Fixtures.problems(Self.lesson("```math\n\(formula)\n```\n")) == [
        "a.md:9:\(example.column): groups nest more than \(LessonLimits.mathNesting) deep here; split the formula into smaller ones"
      ])
  }

  @Test("a formula nested exactly to the limit still renders")
  func mathAtTheLimit() throws {
    let depth = LessonLimits.mathNesting
    let formula = String(repeating: "x^{", count: depth) + "y" + String(repeating: "}", count: depth)
    let mathML = try TeXMath.mathML(for: formula)
    #expect(mathML.components(separatedBy: "<msup>").count == depth + 1)
  }

  struct RangeCase: CustomTestStringConvertible, Sendable {
    var name: String
    var fields: String
    var expected: String
    var testDescription: String { name }
  }

  static let ranges = [
    RangeCase(
      name: "steps: 0-100000000000", fields: "view: decoder\nsteps: 0-100000000000\n",
      expected:
        "a.md:12:8: `steps` in the `trace` block names 100000000000; steps, units and epochs are numbered below 10000"
    ),
    RangeCase(
      name: "steps: 0-9223372036854775806", fields: "view: decoder\nsteps: 0-9223372036854775806\n",
      expected:
        "a.md:12:8: `steps` in the `trace` block names 9223372036854775806; steps, units and epochs are numbered below 10000"
    ),
    RangeCase(
      name: "encoder steps past the input", fields: "view: encoder\nsteps: 0-100000000000\n",
      expected:
        "a.md:12:8: `steps` in the `trace` block names 100000000000; steps, units and epochs are numbered below 10000"
    ),
    RangeCase(
      name: "encoder steps just past the input", fields: "view: encoder\nsteps: [0, 2, 7]\n",
      expected: "a.md:12:8: step 2 is past the end of the input \"ab\" (2 characters, steps 0-1)"),
    RangeCase(
      name: "units: 0-1000000", fields: "view: encoder\nunits: 0-1000000\n",
      expected: "a.md:12:8: unit 1000000 does not exist; model reverse has 8 units, numbered 0-7"),
    RangeCase(
      name: "units: [1, 9, 10]", fields: "view: encoder\nunits: [1, 9, 10]\n",
      expected: "a.md:12:8: unit 9 does not exist; model reverse has 8 units, numbered 0-7"),
    RangeCase(
      name: "epochs: 0-100000000000", fields: "view: history\nepochs: 0-100000000000\n",
      expected:
        "a.md:12:9: `epochs` in the `trace` block names 100000000000; steps, units and epochs are numbered below 10000"
    ),
  ]

  @Test("a huge range in a trace block is one problem, never one per number", arguments: ranges)
  func hugeRanges(_ example: RangeCase) {
    let block = "```trace\nmodel: reverse\ninput: ab\n\(example.fields)caption: C\n```\n"
    #expect(Fixtures.problems(Self.lesson(block)) == [example.expected])
  }

  @Test("30,000 headings with the same text get the ids same, same-2, … same-30000")
  func duplicateHeadings() throws {
    let set = try Fixtures.lessonSet(Self.lesson(String(repeating: "## Same\n\n", count: 30_000)))
    let ids = try #require(set.lessons.first).headings.map(\.id)
    #expect(ids.count == 30_000)
    #expect(ids.prefix(3) == ["same", "same-2", "same-3"])
    #expect(ids.last == "same-30000")
    #expect(Set(ids).count == ids.count, "every id is unique")
  }

  @Test("a heading that looks like a numbered duplicate does not collide with one")
  func numberedHeadingText() throws {
    let set = try Fixtures.lessonSet(Self.lesson("## Same\n\n## Same 2\n\n## Same\n\n## Same\n"))
    let ids = try #require(set.lessons.first).headings.map(\.id)
    #expect(ids == ["same", "same-2", "same-3", "same-4"])
  }

  @Test("30,000 facts on one line, after non-ASCII text, are all read, the last one placed right")
  func factsOnOneLine() throws {
    let fact = "é `=reverse.units` "
    let line = String(repeating: fact, count: 30_000) + "é `=adder.units`\n"
    let problems = Fixtures.problems(Self.lesson(line))
    let column = 30_000 * fact.count + 5
    #expect(problems == ["a.md:8:\(column): unknown model \"adder\"; known models: addition, reverse"])
    let set = try Fixtures.lessonSet(Self.lesson(String(repeating: fact, count: 30_000)))
    #expect(try #require(set.lessons.first).facts.count == 30_000)
  }

  @Test("30,000 glossary links on one line are all resolved")
  func glossaryLinksOnOneLine() throws {
    let files = Self.lesson(String(repeating: "[c](glossary:cell-state) ", count: 30_000) + "\n")
      .merging(LessonProblemTests.glossary) { $1 }
    let set = try Fixtures.lessonSet(files)
    #expect(try #require(set.lessons.first).glossaryTerms == ["cell-state"])
  }

  @Test("an unknown glossary term of 900,000 letters is one problem, found without measuring it")
  func hugeUnknownTerm() {
    let terms = (1...40).map { "## Term number \($0)\n\nMeaning.\n\n" }.joined()
    let files = Self.lesson("[x](glossary:\(String(repeating: "a", count: 900_000)))\n")
      .merging(["lessons.yml": "glossary: g.md\n", "g.md": terms]) { $1 }
    let problems = Fixtures.problems(files)
    #expect(problems.count == 1)
    #expect(problems.first?.hasPrefix("a.md:8:1: unknown glossary term `aaaa") == true)
    let defined = (1...40).map { "term-number-\($0)" }.joined(separator: ", ")
    #expect(problems.first?.hasSuffix("; the glossary defines: \(defined)") == true)
  }

  struct DistanceCase: CustomTestStringConvertible, Sendable {
    var a: String
    var b: String
    var limit: Int
    var distance: Int?
    var testDescription: String { "\(a) → \(b) within \(limit)" }
  }

  static let distances = [
    DistanceCase(a: "kitten", b: "sitting", limit: 3, distance: 3),
    DistanceCase(a: "kitten", b: "sitting", limit: 2, distance: nil),
    DistanceCase(a: "sumary", b: "summary", limit: 2, distance: 1),
    DistanceCase(a: "", b: "ab", limit: 2, distance: 2),
    DistanceCase(a: "abc", b: "abc", limit: 0, distance: 0),
    DistanceCase(a: "abcdef", b: "badcfe", limit: 2, distance: nil),
    DistanceCase(a: "flaw", b: "lawn", limit: 2, distance: 2),
    DistanceCase(a: String(repeating: "a", count: 1000), b: "ab", limit: 2, distance: nil),
  ]

  @Test("the bounded edit distance agrees with Levenshtein's within its limit", arguments: distances)
  func boundedDistance(_ example: DistanceCase) {
    #expect(Suggestion.editDistance(Array(example.a), Array(example.b), atMost: example.limit) == example.distance)
  }

  @Test("a title over the limit is refused, in a lesson and in lessons.yml")
  func longTitles() {
    let long = String(repeating: "t", count: LessonLimits.titleCharacters + 1)
    let files = [
      "a.md": Fixtures.frontMatter.replacingOccurrences(of: "title: A lesson", with: "title: \(long)"),
      "lessons.yml": "title: \(long)\n",
    ]
    #expect(
      Fixtures.problems(files) == [
        "a.md:2:8: `title` in the front matter is 201 characters long; it may be at most 200",
        "lessons.yml:1:8: `title` in lessons.yml is 201 characters long; it may be at most 200",
      ])
  }

  @Test("a file over the size limit is refused unread, whatever it holds")
  func hugeFile() {
    let files = [
      "a.md": Fixtures.frontMatter,
      "b.md": "---\ntitle: " + String(repeating: "t", count: 10_000_000) + "\n---\n",
    ]
    #expect(
      Fixtures.problems(files) == [
        "b.md:1:1: the file is 10000016 bytes; a file of a lesson set may be at most 1000000, so split it"
      ])
  }

  @Test("a lesson with more special blocks than the limit gets one problem at the first one over")
  func tooManyBlocks() {
    let body = String(repeating: "```math\nx\n```\n\n", count: LessonLimits.specialBlocks + 50)
    let line = 8 + 4 * LessonLimits.specialBlocks
    #expect(
      Fixtures.problems(Self.lesson(body)) == [
        "a.md:\(line):1: this is block 501 of `trace`, `quiz`, `notes` and `math`; a lesson may have at most 500, so split it into two lessons"
      ])
  }

  @Test("control characters in front matter never reach a page: NUL, ESC, bell")
  func controlCharacters() {
    let files = [
      "a.md": Fixtures.frontMatter.replacingOccurrences(of: "title: A lesson", with: "title: \"A\\0B\"")
        .replacingOccurrences(of: "summary: Short.", with: "summary: \"Ring \\a then \\e[2J\"")
        .replacingOccurrences(of: "objectives: [Learn]", with: "objectives: [\"\\e[31mred\"]")
    ]
    #expect(
      Fixtures.problems(files) == [
        "a.md:2:8: `title` in the front matter holds the control character U+0000; remove it",
        "a.md:4:10: `summary` in the front matter holds the control character U+0007; remove it",
        "a.md:5:14: an item of `objectives` in the front matter holds the control character U+001B; remove it",
      ])
  }

  @Test("a raw control character in YAML is one problem at its place, without Yams's snippet")
  func rawControlCharacter() {
    let files = [
      "a.md": Fixtures.frontMatter.replacingOccurrences(of: "summary: Short.", with: "summary: Sh\u{7F}ort.")
    ]
    #expect(
      Fixtures.problems(files) == [
        "a.md:4:12: the front matter is not valid YAML: control characters are not allowed"
      ])
  }

  @Test("a problem quoting text with a line break is still one line")
  func quotedLineBreak() {
    let block = "```trace\nmodel: reverse\ninput: \"ab\\nc\"\nview: encoder\ncaption: C\n```\n"
    #expect(
      Fixtures.problems(Self.lesson(block)) == [
        #"a.md:10:8: input "ab\nc" has the character "\n" that model reverse does not know; it reads only "abc""#
      ])
  }

  static let scriptLinks = [
    "[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "![x](data:text/html,<script>alert(1)</script>)",
    "<javascript:alert(1)>", "[x](vbscript:msgbox)", "![x](file:///etc/passwd)",
  ]

  @Test("unsafe-html keeps raw HTML but never a script URL in a link or image", arguments: scriptLinks)
  func unsafeHTMLStillFiltersURLs(_ link: String) throws {
    let files = ["a.md": Fixtures.frontMatter + "<b>raw</b> \(link)\n", "lessons.yml": "unsafe-html: true\n"]
    let lesson = try #require(try Fixtures.lessonSet(files).lessons.first)
    let html = lesson.blocks.map { if case .prose(let html) = $0 { html } else { "" } }.joined()
    #expect(html.contains("<b>raw</b>"), "raw HTML is what unsafe-html opts into")
    #expect(html.contains("href=\"\"") || html.contains("src=\"\""), "the address is emptied: \(html)")
    for scheme in ["javascript:", "vbscript:", "file:", "data:"] {
      #expect(!html.lowercased().contains("=\"\(scheme)"), "no address starts with \(scheme): \(html)")
    }
  }

  @Test("unsafe-html keeps ordinary links and PNG data images")
  func unsafeHTMLKeepsSafeURLs() throws {
    let body = "[a](https://example.org) ![b](data:image/png;base64,AAAA) <https://example.org/x>\n"
    let files = ["a.md": Fixtures.frontMatter + body, "lessons.yml": "unsafe-html: true\n"]
    let lesson = try #require(try Fixtures.lessonSet(files).lessons.first)
    let html = lesson.blocks.map { if case .prose(let html) = $0 { html } else { "" } }.joined()
    #expect(html.contains("href=\"https://example.org\""))
    #expect(html.contains("src=\"data:image/png;base64,AAAA\""))
    #expect(html.contains("href=\"https://example.org/x\""))
  }

  @Test(
    "a glossary outside the lessons directory is refused, by `..` or by a leading /",
    arguments: [
      "../secret/notes.md", "notes/../../secret.md", "/etc/passwd",
    ])
  func glossaryOutside(_ path: String) {
    let files = Self.lesson("Text.\n").merging(["lessons.yml": "glossary: \(path)\n"]) { $1 }
    #expect(
      Fixtures.problems(files) == [
        "lessons.yml:1:11: the glossary `\(path)` must be a file inside the lessons directory, like `glossary.md`"
      ])
  }

  @Test("a lesson or glossary that is a link out of the lessons directory is refused")
  func symbolicLinksOut() throws {
    let root = try Self.emptyFolder("hostile")
    defer { try? FileManager.default.removeItem(at: root) }
    let lessons = root.appendingPathComponent("lessons")
    let secret = root.appendingPathComponent("secret")
    try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: secret, withIntermediateDirectories: true)
    try Data((Fixtures.frontMatter + "Text.\n").utf8).write(to: lessons.appendingPathComponent("a.md"))
    try Data("## Secret\n\nNotes.\n".utf8).write(to: secret.appendingPathComponent("notes.md"))
    try Data("glossary: glossary.md\n".utf8).write(to: lessons.appendingPathComponent("lessons.yml"))
    try FileManager.default.createSymbolicLink(
      at: lessons.appendingPathComponent("glossary.md"),
      withDestinationURL: secret.appendingPathComponent("notes.md"))
    try FileManager.default.createSymbolicLink(
      at: lessons.appendingPathComponent("b.md"), withDestinationURL: secret.appendingPathComponent("notes.md"))
    let loader = LessonSetLoader(catalog: FakeCatalog())
    let error = #expect(throws: LessonSetError.self) { try loader.load(directory: lessons) }
    #expect(
      error?.problems.map(\.description) == [
        "b.md:1:1: this is a link to a file outside the lessons directory; copy the file in instead",
        "glossary.md:1:1: this is a link to a file outside the lessons directory; copy the file in instead",
        "lessons.yml:1:11: the glossary file `glossary.md` is not in the lessons directory",
      ])
  }

  @Test("a file on disk over the size limit is refused without being read")
  func hugeFileOnDisk() throws {
    let lessons = try Self.emptyFolder("huge")
    defer { try? FileManager.default.removeItem(at: lessons) }
    try Data((Fixtures.frontMatter + "Text.\n").utf8).write(to: lessons.appendingPathComponent("a.md"))
    try Data(count: LessonLimits.fileBytes + 1).write(to: lessons.appendingPathComponent("b.md"))
    let error = #expect(throws: LessonSetError.self) {
      try LessonSetLoader(catalog: FakeCatalog()).load(directory: lessons)
    }
    #expect(
      error?.problems.map(\.description) == [
        "b.md:1:1: the file is 1000001 bytes; a file of a lesson set may be at most 1000000, so split it"
      ])
  }

  @Test("a lesson's checkpoint that is a FIFO is refused at once, not waited on")
  func checkpointFIFO() throws {
    let lessons = try Self.emptyFolder("fifo")
    defer { try? FileManager.default.removeItem(at: lessons) }
    try #require(mkfifo(lessons.appendingPathComponent("tiny.safetensors").path, 0o600) == 0)
    let result = ModelShelf(lessonsDirectory: lessons).load("tiny.safetensors")
    guard case .failure(let error) = result else {
      Issue.record("a FIFO was read as a checkpoint")
      return
    }
    #expect(error.description == "tiny.safetensors: cannot read the checkpoint: not a regular file")
  }

  @Test("a link to a file inside the lessons directory still loads")
  func symbolicLinkInside() throws {
    let lessons = try Self.emptyFolder("inside")
    defer { try? FileManager.default.removeItem(at: lessons) }
    try FileManager.default.createDirectory(
      at: lessons.appendingPathComponent("shared"), withIntermediateDirectories: true)
    try Data((Fixtures.frontMatter + "Text.\n").utf8).write(to: lessons.appendingPathComponent("shared/a.md"))
    try FileManager.default.createSymbolicLink(
      at: lessons.appendingPathComponent("a.md"), withDestinationURL: lessons.appendingPathComponent("shared/a.md"))
    #expect(try LessonSetLoader(catalog: FakeCatalog()).load(directory: lessons).lessons.count == 1)
  }
}
