import Foundation
import Testing

@testable import Lessons

@Suite("Loading a lesson set")
struct LessonSetLoaderTests {
  func course() throws -> LessonSet {
    try LessonSetLoader(catalog: FakeCatalog()).load(directory: try Fixtures.directory("course"))
  }

  @Test("reads lessons.yml and orders lessons by `order`, not by file name")
  func ordersLessons() throws {
    let set = try course()
    #expect(set.title == "Unrolled")
    #expect(set.allowsUnsafeHTML == false)
    #expect(set.lessons.map(\.fileName) == ["cells.md", "encoder.md", "decoder.md"])
    #expect(
      set.lessons.map(\.slug) == ["lstm-cell", "encoder", "decoder"],
      "slug from front matter, else file name")
  }

  @Test("reads every front matter field")
  func readsFrontMatter() throws {
    let cells = try #require(try course().lesson(slug: "lstm-cell"))
    #expect(cells.title == "Inside one LSTM cell")
    #expect(cells.order == 1)
    #expect(cells.summary == "Four gates decide what a cell remembers.")
    #expect(cells.objectives == ["Name the four gates", "Read a forget gate's values"])
    #expect(cells.minutes == 12)
    #expect(cells.models == ["addition"])
  }

  @Test("keeps block order: prose runs between math, trace, quiz and notes")
  func keepsBlockOrder() throws {
    let cells = try #require(try course().lesson(slug: "lstm-cell"))
    let kinds = cells.blocks.map { block -> String in
      switch block {
      case .prose: "prose"
      case .trace: "trace"
      case .quiz: "quiz"
      case .notes: "notes"
      case .math: "math"
      }
    }
    #expect(kinds == ["prose", "math", "trace", "prose", "quiz", "notes"])
  }

  @Test("reads a fence with a model, an input, a range of steps and a unit")
  func readsTraceFigure() throws {
    let cells = try #require(try course().lesson(slug: "lstm-cell"))
    let figure = try #require(
      cells.blocks.compactMap { if case .trace(let f) = $0 { f } else { nil } }.first)
    #expect(
      figure
        == TraceFigure(
          model: "addition", input: " 2+10", view: .cell, steps: [0, 1, 2, 3], units: [0, 5],
          unit: 5,
          caption: "The forget gate of unit 5 while the encoder reads \" 2+10\".",
          location: SourceLocation(file: "cells.md", line: 30, column: 1)))
  }

  @Test("reads quizzes whose answer is a choice's text or its index")
  func readsQuizzes() throws {
    let set = try course()
    let quizzes = set.lessons.flatMap(\.blocks).compactMap {
      if case .quiz(let q) = $0 { q } else { nil }
    }
    #expect(quizzes.map(\.answer) == ["forget gate", "teacher forcing"])
    #expect(quizzes.map(\.answerIndex) == [1, 1])
  }

  @Test("renders math blocks to MathML and keeps their source")
  func rendersMath() throws {
    let cells = try #require(try course().lesson(slug: "lstm-cell"))
    let math = try #require(
      cells.blocks.compactMap {
        if case .math(let ml, let source) = $0 { (ml, source) } else { nil }
      }.first)
    #expect(
      math.1 == "c_t = f_t \\odot c_{t-1} + i_t \\odot g_t",
      "the TeX as written, without the fence's newline")
    #expect(math.0.hasPrefix("<math display=\"block\"><msub><mi>c</mi><mi>t</mi></msub>"))
  }

  @Test("turns facts into typed references, numbered in reading order, notes included")
  func readsFacts() throws {
    let set = try course()
    let cells = try #require(set.lesson(slug: "lstm-cell"))
    #expect(
      cells.facts.map(\.path) == [
        .parameterCount(nil), .parameterCount(.encoder), .epochs, .accuracy(.exactMatch),
        .encoderState(step: 3, .init(quantity: .forgetGate, summary: .mean)),
        .encoderState(step: 3, .init(quantity: .cellState, summary: .unit(5))),
        .accuracy(.perCharacter),
      ])
    #expect(cells.facts[4].input == " 2+10")
    #expect(cells.facts[0].location == SourceLocation(file: "cells.md", line: 15, column: 27))
    let decoder = try #require(set.lesson(slug: "decoder"))
    #expect(
      decoder.facts.map(\.path) == [
        .decoderPrediction(step: 0, .freeRunning, .token),
        .decoderPrediction(step: 0, .freeRunning, .probability),
        .decoderPrediction(step: 0, .freeRunning, .loss), .output(.teacherForced),
        .output(.freeRunning),
        .firstDivergence,
        .decoderState(step: 1, .teacherForced, .init(quantity: .hiddenState, summary: .unit(2))),
      ])
    #expect(decoder.facts.allSatisfy { $0.target == "12" })
    #expect(decoder.referencedModels == ["addition", "reverse"])
  }

  @Test("gives headings stable, unique ids for the contents sidebar")
  func identifiesHeadings() throws {
    let cells = try #require(try course().lesson(slug: "lstm-cell"))
    #expect(
      cells.headings == [
        LessonHeading(level: 1, text: "Inside one LSTM cell", id: "inside-one-lstm-cell"),
        LessonHeading(level: 2, text: "The forget gate", id: "the-forget-gate"),
        LessonHeading(level: 2, text: "The forget gate", id: "the-forget-gate-2"),
      ])
  }

  @Test("reads the glossary and records which terms a lesson links to")
  func readsGlossary() throws {
    let set = try course()
    let glossary = try #require(set.glossary)
    #expect(glossary.title == "Glossary")
    #expect(glossary.introductionHTML == "<p>The words the lessons use, in one place.</p>\n")
    #expect(glossary.entries.map(\.slug) == ["cell-state", "forget-gate", "teacher-forcing"])
    #expect(
      glossary.entry(slug: "cell-state")?.html.contains("href=\"#forget-gate\"") == true,
      "a glossary term links to another on the glossary's own page, wherever lessons are")
    #expect(
      set.lesson(slug: "lstm-cell")?.glossaryTerms == [
        "cell-state", "forget-gate", "teacher-forcing",
      ])
  }

  @Test("renders one lesson's prose as its golden file")
  func rendersGoldenHTML() throws {
    let cells = try #require(try course().lesson(slug: "lstm-cell"))
    let html = cells.blocks.map { block -> String in
      switch block {
      case .prose(let html): html
      case .notes(let html): "<aside class=\"notes\">\n\(html)</aside>\n"
      case .math(let mathML, _): mathML + "\n"
      case .trace(let figure): "<!-- trace \(figure.view.rawValue) of \(figure.model) -->\n"
      case .quiz(let quiz): "<!-- quiz: \(quiz.question) -->\n"
      }
    }.joined()
    try expectSnapshot(html, named: "lstm-cell.html")
  }

  @Test("reports all problems of a set at once, sorted")
  func reportsAllProblemsAtOnce() throws {
    let loader = LessonSetLoader(catalog: FakeCatalog())
    let error = try #require(throws: LessonSetError.self) {
      try loader.load(directory: try Fixtures.directory("broken"))
    }
    #expect(
      error.description == """
        a.md:7:1: unknown key `level` in the front matter; expected one of: title, order, summary, objectives, minutes, models, slug
        a.md:11:8: unknown model "adition"; known models: addition, reverse
        b.md:3:8: lessons a.md and b.md both have order 1; give each lesson its own
        b.md:12:9: answer `output gate` is not one of the choices: `input gate`, `forget gate`
        b.md:17:7: `/` is not in the supported TeX subset; see “Math” in docs/authoring.md for what is supported
        """)
    #expect(error.problems.count == 5)
  }

  @Test("reads the glossary lessons.yml names, whatever its extension")
  func readsGlossaryOfAnyName() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("unrolled-lessons-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let files = [
      "lessons.yml": "glossary: terms.txt\n",
      "terms.txt": "## Cell state\n\nMemory.\n",
      "a.md": Fixtures.frontMatter + "The [cell state](glossary:).\n",
    ]
    for (name, text) in files {
      try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let set = try LessonSetLoader(catalog: FakeCatalog()).load(directory: directory)
    #expect(set.glossary?.fileName == "terms.txt")
    #expect(set.lessons.map(\.fileName) == ["a.md"])
  }

  /// A fresh folder holding `files`, removed by the caller.
  private func folder(_ files: [String: String]) throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("unrolled-lessons-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for (name, text) in files {
      try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return directory
  }

  @Test("a lessons folder that is not there is named, with the reason")
  func missingFolderIsNamed() throws {
    let missing = FileManager.default.temporaryDirectory.appendingPathComponent("unrolled-nosuch-\(UUID().uuidString)")
    let error = try #require(throws: LessonSetError.self) {
      try LessonSetLoader(catalog: FakeCatalog()).load(directory: missing)
    }
    #expect(
      error.description == "\(missing.relativePath):1:1: cannot read the lessons folder: no such file or folder",
      "the path the teacher typed is in the message")
  }

  @Test("a README.md among the lessons, in any case, is not a lesson", arguments: ["README.md", "readme.md", "ReadMe.md"])
  func readmeIsIgnored(name: String) throws {
    let directory = try folder([
      name: "# Notes for teachers\n\nNo front matter here.\n", "a.md": Fixtures.frontMatter + "Text.\n",
    ])
    defer { try? FileManager.default.removeItem(at: directory) }
    let set = try LessonSetLoader(catalog: FakeCatalog()).load(directory: directory)
    #expect(set.lessons.map(\.fileName) == ["a.md"])
    #expect(Fixtures.problems([name: "# Notes\n", "a.md": Fixtures.frontMatter + "Text.\n"]) == [])
  }

  @Test("a lesson that is not UTF-8 says so, and asks for UTF-8")
  func notUTF8() throws {
    let directory = try folder([:])
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data([0x2D, 0xFF, 0xFE, 0x0A]).write(to: directory.appendingPathComponent("a.md"))
    let error = try #require(throws: LessonSetError.self) {
      try LessonSetLoader(catalog: FakeCatalog()).load(directory: directory)
    }
    #expect(error.description.contains("a.md:1:1: the file is not UTF-8 text; save it as UTF-8"), "\(error)")
  }

  // Tests run as root, whom chmod 000 does not stop: the mapping from errno to words is
  // tested here, and tools/tests/test_cli.py triggers a real EACCES without root's
  // capabilities.
  @Test(
    "errno values become words a teacher reads",
    arguments: [
      (EACCES, "permission denied"), (EPERM, "permission denied"), (ENOENT, "no such file or folder"),
      (ENOTDIR, "not a folder"), (EISDIR, "it is a folder, not a file"),
    ])
  func errnoInWords(code: Int32, words: String) {
    #expect(FileReading.failure(errno: code).reason == words)
  }

  static let droppedMarkup = """
    Some <b>bold</b> text.

    <div class="box">
    Boxed.
    </div>

    | gate | what |
    | --- | :---: |
    | f | forgets |

    A bar | in a sentence.

    ```
    | a | b |
    |---|---|
    ```

    """

  @Test("raw HTML left out and a pipe table shown as text are warned of, at their place; the set still loads")
  func warnsOfDroppedMarkup() throws {
    let set = try Fixtures.lessonSet(["a.md": Fixtures.frontMatter + Self.droppedMarkup])
    #expect(
      set.warnings.map(\.description) == [
        "a.md:8:6: raw HTML `<b>` is left out of the page; write it in Markdown, or set `unsafe-html: true` in lessons.yml to keep it",
        "a.md:10:1: raw HTML `<div>` is left out of the page; write it in Markdown, or set `unsafe-html: true` in lessons.yml to keep it",
        "a.md:14:1: this pipe table is not a table in CommonMark and shows as text with `|` in it; use a list, or an HTML <table> with `unsafe-html: true`",
      ], "a bar in a sentence and a table inside a code block are not warned of")
    #expect(set.lessons.count == 1)
  }

  @Test("with unsafe-html: true raw HTML is kept, so only the pipe table is warned of")
  func unsafeHTMLKeepsRawHTML() throws {
    let set = try Fixtures.lessonSet([
      "lessons.yml": "unsafe-html: true\n", "a.md": Fixtures.frontMatter + Self.droppedMarkup,
    ])
    #expect(set.warnings.map(\.location.line) == [14])
  }
}
