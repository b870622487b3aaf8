import Foundation
import Lessons
import Testing
import Trace

/// A catalog with one word-level model, as the built-in `commands` is described.
private struct WordCatalog: LessonModelCatalog {
  static let lamps = LessonModelInfo(
    name: "lamps",
    configuration: Seq2SeqConfiguration(
      name: "lamps", bridge: .states, encoder: EncoderConfiguration(units: 8, embeddingSize: 4),
      decoder: DecoderConfiguration(units: 8, embeddingSize: 4),
      inputVocabulary: Vocabulary(tokens: ["turn", "on", "the", "lamp", "please"], unit: .word),
      outputVocabulary: Vocabulary(tokens: ["\t", "\n", "the", "lamp", "is", "on"], unit: .word), maxInputLength: 4,
      maxOutputLength: 6, startToken: "\t", endToken: "\n"))

  var modelNames: [String] { ["lamps"] }
  func model(named name: String) -> LessonModelInfo? { name == "lamps" ? Self.lamps : nil }
}

@Suite("Word-level models in lessons")
struct WordModelTests {
  static func problems(input: String, target: String) -> [String] {
    let lesson =
      Fixtures.frontMatter + """
        ```trace
        model: lamps
        input: "\(input)"
        target: "\(target)"
        view: encoder
        caption: A word model.
        ```

        """
    do {
      _ = try LessonSetLoader(catalog: WordCatalog()).load(files: [LessonFile(path: "a.md", text: lesson)])
      return []
    } catch {
      return error.problems.map(\.description)
    }
  }

  @Test("an input of known words, counted in words, is accepted")
  func knownWords() {
    #expect(Self.problems(input: "turn on the lamp", target: "the lamp is on") == [])
  }

  @Test("an unknown word is named, with the model's words")
  func unknownWord() {
    let problems = Self.problems(input: "turn on the lamps", target: "the lamp is on")
    #expect(problems.count == 1)
    #expect(problems.first?.contains("has the word \"lamps\" that model lamps does not know") == true, "\(problems)")
    #expect(problems.first?.contains("its words are: turn on the lamp please") == true, "\(problems)")
  }

  @Test("the length limit counts words, not characters")
  func lengthInWords() {
    let problems = Self.problems(input: "please turn on the lamp", target: "the lamp is on")
    #expect(problems.count == 1)
    #expect(problems.first?.contains("is 5 words long; model lamps reads at most 4") == true, "\(problems)")
  }

  @Test("a target word the model cannot write is named")
  func unknownTargetWord() {
    let problems = Self.problems(input: "turn on the lamp", target: "the lamp is off")
    #expect(problems.count == 1)
    #expect(problems.first?.contains("has the word \"off\" that model lamps cannot write") == true, "\(problems)")
  }

  @Test("the shelf checks a built-in word model by its words, and counts its steps in words")
  func shelfCountsWords() throws {
    let info = try #require(ModelShelf().model(named: "commands"))
    // The bug once: the alphabet was each word's first character, so "kitchen" lacked "i".
    #expect(info.encoderStepCount(of: "turn on the kitchen light") == 5)
    #expect(info.encoderStepCount(of: "turn on the kitchen lamps") == nil, "an unknown word is refused")
  }
}
