import Testing

@testable import Lessons

@Suite("Rendering prose")
struct ProseRenderingTests {
  static let rawHTML = "Some <b>bold</b> words.\n\n<div class=\"box\">boxed</div>\n"

  func prose(_ files: [String: String]) throws -> String {
    let lesson = try #require(try Fixtures.lessonSet(files).lessons.first)
    return lesson.blocks.map { if case .prose(let html) = $0 { html } else { "" } }.joined()
  }

  @Test("drops raw HTML by default, leaving no trace of it")
  func dropsRawHTML() throws {
    let html = try prose(["a.md": Fixtures.frontMatter + Self.rawHTML])
    #expect(html == "<p>Some bold words.</p>\n")
  }

  @Test("keeps raw HTML when lessons.yml sets unsafe-html: true")
  func keepsRawHTMLWhenAllowed() throws {
    let files = ["a.md": Fixtures.frontMatter + Self.rawHTML, "lessons.yml": "unsafe-html: true\n"]
    #expect(try Fixtures.lessonSet(files).allowsUnsafeHTML)
    #expect(try prose(files) == "<p>Some <b>bold</b> words.</p>\n<div class=\"box\">boxed</div>\n")
  }

  @Test("escapes the lesson's text in headings, code and prose")
  func escapesText() throws {
    let html = try prose([
      "a.md": Fixtures.frontMatter + "## Gates & h < c\n\n`a < b` and \"quotes\" -- dashes\n"
    ])
    #expect(
      html
        == "<h2 id=\"gates-h-c\">Gates &amp; h &lt; c</h2>\n<p><code>a &lt; b</code> and “quotes” – dashes</p>\n"
    )
  }

  @Test("makes smart punctuation only outside code")
  func smartPunctuationSparesCode() throws {
    let html = try prose(["a.md": Fixtures.frontMatter + "```\nprint(\"hi\") -- no\n```\n"])
    #expect(html == "<pre><code>print(&quot;hi&quot;) -- no\n</code></pre>\n")
  }

  struct FactCase: CustomTestStringConvertible, Sendable {
    var source: String
    var path: FactPath
    var testDescription: String { source }
  }

  static let facts: [FactCase] = [
    FactCase(source: "=addition.parameters", path: .parameterCount(nil)),
    FactCase(source: "=addition.parameters.decoder", path: .parameterCount(.decoder)),
    FactCase(source: "=addition.parameters.output", path: .parameterCount(.output)),
    FactCase(source: "=addition.accuracy.perCharacter", path: .accuracy(.perCharacter)),
    FactCase(source: "=addition.units", path: .units),
    FactCase(
      source: "=trace(addition, \" 2+10\").encoder[4].outputGate.unit[15]",
      path: .encoderState(step: 4, .init(quantity: .outputGate, summary: .unit(15)))),
    FactCase(
      source: "=trace(addition, \" 2+10\").decoder[2].candidate.mean",
      path: .decoderState(step: 2, .freeRunning, .init(quantity: .candidate, summary: .mean))),
    FactCase(
      source: "=trace(addition, \" 2+10\", \"12\").teacherForced.decoder[1].probability",
      path: .decoderPrediction(step: 1, .teacherForced, .probability)),
    FactCase(source: "=trace(addition, \" 2+10\", \"12\").firstDivergence", path: .firstDivergence),
    FactCase(source: "=trace(addition,\" 2+10\").freeRunning.output", path: .output(.freeRunning)),
  ]

  @Test("parses every kind of fact into its typed path", arguments: facts)
  func parsesFacts(_ example: FactCase) throws {
    let set = try Fixtures.lessonSet([
      "a.md": Fixtures.frontMatter + "Value: `\(example.source)`.\n"
    ])
    let fact = try #require(set.lessons.first?.facts.first)
    #expect(fact.path == example.path)
    #expect(fact.source == example.source)
    #expect(fact.model == "addition")
    #expect(fact.location == SourceLocation(file: "a.md", line: 8, column: 9))
  }
}
