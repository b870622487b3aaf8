import Foundation
import Lessons
import Testing

enum Fixtures {
  /// The fixture lesson set directory `name` inside the test bundle.
  static func directory(_ name: String) throws -> URL {
    let resources = try #require(Bundle.module.resourceURL)
    return resources.appendingPathComponent("Fixtures").appendingPathComponent(name)
  }

  /// Front matter that is valid on its own, so a test can add exactly one mistake after it.
  /// It is 7 lines long: the body starts on line 8.
  static let frontMatter = """
    ---
    title: A lesson
    order: 1
    summary: Short.
    objectives: [Learn]
    minutes: 5
    ---

    """

  /// Loads in-memory files with the fake catalog; returns the problems as lines ([] if none).
  static func problems(_ files: [String: String]) -> [String] {
    let loader = LessonSetLoader(catalog: FakeCatalog())
    do {
      _ = try loader.load(files: files.map { LessonFile(path: $0.key, text: $0.value) })
      return []
    } catch {
      return error.problems.map(\.description)
    }
  }

  /// Loads in-memory files that must be valid.
  static func lessonSet(_ files: [String: String]) throws -> LessonSet {
    try LessonSetLoader(catalog: FakeCatalog()).load(
      files: files.map { LessonFile(path: $0.key, text: $0.value) })
  }
}
