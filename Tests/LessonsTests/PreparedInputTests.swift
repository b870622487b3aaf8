import Foundation
import Testing
import Trace

@testable import Lessons

/// The lesson checker counts the steps of the input as the model prepares it (padded, split
/// into words, reversed), by the model's own rule: `Seq2SeqConfiguration.prepare`.
@Suite("Lesson facts and figures count the prepared input's steps")
struct PreparedInputTests {
  /// The problems of a lesson whose body is `body`, checked against the built-in models.
  static func problems(_ body: String) -> [String] {
    let file = LessonFile(path: "a.md", text: Fixtures.frontMatter + body)
    do {
      _ = try LessonSetLoader(catalog: ModelShelf()).load(files: [file])
      return []
    } catch {
      return error.problems.map(\.description)
    }
  }

  @Test("a padded input's last step exists: addition pads \"2+10\" to five steps, as unrolled trace shows")
  func paddedInput() throws {
    #expect(Self.problems("`=trace(addition, \"2+10\").encoder[4].forgetGate.mean`\n") == [])
    #expect(
      Self.problems("`=trace(addition, \"2+10\").encoder[5].forgetGate.mean`\n") == [
        "a.md:8:27: encoder step 5 is past the end of the input \"2+10\" (4 characters padded to 5 steps, steps 0-4)"
      ])
    // The value is the trace's own: the same step the CLI prints as step 4.
    let set = try LessonSetLoader(catalog: ModelShelf()).load(files: [
      LessonFile(path: "a.md", text: Fixtures.frontMatter + "`=trace(addition, \"2+10\").encoder[4].forgetGate.mean`\n")
    ])
    let materials = try LessonMaterials.gather(for: set, shelf: ModelShelf())
    let trace = try BuiltInModel.addition.load().trace(input: "2+10")
    let forget = trace.encoder.forward[4].state.forgetGate
    #expect(trace.encoder.forward.count == 5)
    #expect(materials.factValues.values.flatMap { $0 }.count == 1)
    #expect(!forget.isEmpty)
  }

  @Test("a word model's steps are words")
  func wordSteps() {
    #expect(Self.problems("`=trace(commands, \"turn on the kitchen light\").encoder[4].cellState.mean`\n") == [])
    #expect(
      Self.problems("`=trace(commands, \"turn on the kitchen light\").encoder[5].cellState.mean`\n") == [
        "a.md:8:48: encoder step 5 is past the end of the input \"turn on the kitchen light\" (5 words, steps 0-4)"
      ])
  }

  @Test("a reversed-input model reads as many steps as the input has characters")
  func reversedSteps() {
    #expect(Self.problems("`=trace(addition3-reversed, \"123+45\").encoder[5].cellState.mean`\n") == [])
    #expect(
      Self.problems("`=trace(addition3-reversed, \"123+45\").encoder[6].cellState.mean`\n") == [
        "a.md:8:39: encoder step 6 is past the end of the input \"123+45\" (6 characters, steps 0-5)"
      ])
  }

  @Test("a trace figure's steps are checked against the prepared input too")
  func figureSteps() {
    let figure = { (steps: String) in
      "```trace\nmodel: addition\ninput: \"2+10\"\nview: encoder\nsteps: \(steps)\ncaption: C.\n```\n"
    }
    #expect(Self.problems(figure("0-4")) == [])
    #expect(
      Self.problems(figure("0-5")) == [
        "a.md:12:8: step 5 is past the end of the input \"2+10\" (4 characters padded to 5 steps, steps 0-4)"
      ])
  }

  @Test("a target longer than the decoder writes is refused, as unrolled trace refuses it")
  func targetTooLong() {
    #expect(
      Self.problems("`=trace(addition, \"2+10\", \"123\").output`\n") == [
        "a.md:8:27: target \"123\" is 3 characters long; model addition writes at most 2"
      ])
    #expect(throws: TraceInputError.self) { try BuiltInModel.addition.load().trace(input: "2+10", target: "123") }
  }
}
