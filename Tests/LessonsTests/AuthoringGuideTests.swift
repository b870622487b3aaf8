import Foundation
import Testing

@testable import Lessons

/// docs/authoring.md promises its example lesson, glossary and lessons.yml work as written.
@Suite("The authoring guide")
struct AuthoringGuideTests {
  /// The fenced blocks that follow `<!-- authoring-example:NAME -->` lines, by NAME.
  static func examples() throws -> [String: String] {
    // This file is Tests/LessonsTests/AuthoringGuideTests.swift.
    let guide = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/authoring.md")
    let lines = try String(contentsOf: guide, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    let marker = "<!-- authoring-example:"
    var examples: [String: String] = [:]
    var index = 0
    while index < lines.count {
      defer { index += 1 }
      guard lines[index].hasPrefix(marker) else { continue }
      let name = String(lines[index].dropFirst(marker.count).dropLast(" -->".count))
      let fence = String(lines[index + 1].prefix { $0 == "`" })
      var body: [Substring] = []
      var line = index + 2
      while line < lines.count, lines[line] != fence {
        body.append(lines[line])
        line += 1
      }
      examples[name] = body.joined(separator: "\n") + "\n"
      index = line
    }
    return examples
  }

  @Test("its example lesson set loads without a problem")
  func exampleLoads() throws {
    let examples = try Self.examples()
    #expect(examples.keys.sorted() == ["02-forget-gate.md", "glossary.md", "lessons.yml"])
    let set = try Fixtures.lessonSet(examples)
    let lesson = try #require(set.lessons.first)
    #expect(lesson.slug == "02-forget-gate")
    #expect(lesson.facts.count == 4)
    #expect(lesson.glossaryTerms == ["cell-state", "teacher-forcing"])
    #expect(lesson.blocks.count == 6, "prose, math, prose, trace, quiz, notes in reading order")
  }
}
