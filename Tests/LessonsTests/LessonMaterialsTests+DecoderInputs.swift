import Foundation
import Testing
import Trace

@testable import Lessons

extension LessonMaterialsTests {
  @Test("distinctDecoderInputs counts one input for a repeat bridge, one per fed token for a conditioned one")
  func distinctDecoderInputs() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("unrolled-inputs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    let letters = Vocabulary(tokens: ["a", "b", "c"])
    func model(conditioned: Bool) throws -> Seq2SeqModel {
      try Seq2SeqModel(
        configuration: Seq2SeqConfiguration(
          name: conditioned ? "conditioned" : "plain", bridge: .repeatVector, encoder: EncoderConfiguration(units: 3),
          decoder: DecoderConfiguration(units: 3), inputVocabulary: letters,
          outputVocabulary: Vocabulary(tokens: (conditioned ? ["\t"] : []) + ["a", "b", "c"]),
          maxInputLength: 4, maxOutputLength: 4, startToken: conditioned ? "\t" : nil,
          conditionedDecoder: conditioned ? true : nil),
        seed: 5)
    }
    let plain = try model(conditioned: false)
    let conditioned = try model(conditioned: true)
    try plain.checkpoint().write(to: url.appendingPathComponent("plain.safetensors"))
    try conditioned.checkpoint().write(to: url.appendingPathComponent("conditioned.safetensors"))
    let lesson = """
      ---
      title: Inputs
      order: 1
      summary: Two decoders.
      objectives: [Count inputs]
      minutes: 1
      ---

      The plain decoder reads `=trace("plain.safetensors", "abca").distinctDecoderInputs` input;
      the conditioned one `=trace("conditioned.safetensors", "abca", "abca").teacherForced.distinctDecoderInputs`.

      ```trace
      model: conditioned.safetensors
      input: "abca"
      view: decoder
      caption: The conditioned decoder.
      ```
      """
    try Data(lesson.utf8).write(to: url.appendingPathComponent("01-inputs.md"))
    let shelf = ModelShelf(lessonsDirectory: url)
    let set = try LessonSetLoader(catalog: shelf).load(directory: url)
    let values = try #require(try LessonMaterials.gather(for: set, shelf: shelf).factValues[set.lessons[0].slug])
    #expect(values[0] == "1", "every step of a plain repeat bridge reads the same vector")
    // Teacher-forced, the conditioned decoder is fed ⟨start⟩, a, b, c: four different inputs.
    #expect(values[1] == "4", "each step reads the encoding beside a different token")
  }
}
