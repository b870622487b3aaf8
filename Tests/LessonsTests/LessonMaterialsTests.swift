import Foundation
import Testing
import Trace

@testable import Lessons

/// A lesson set in a temporary directory with a checkpoint beside it, so facts resolve
/// against a real model and its trace.
private struct LessonFolder {
  let url: URL
  let model: Seq2SeqModel

  init(lesson: String) throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("unrolled-materials-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    let letters = Vocabulary(tokens: ["a", "b", "c"])
    model = try Seq2SeqModel(
      configuration: Seq2SeqConfiguration(
        name: "tiny", bridge: .states, encoder: EncoderConfiguration(units: 3), decoder: DecoderConfiguration(units: 3),
        inputVocabulary: letters, outputVocabulary: Vocabulary(tokens: ["\t", "\n", "a", "b", "c"]),
        maxInputLength: 4, maxOutputLength: 5, startToken: "\t", endToken: "\n"),
      seed: 3)
    try model.checkpoint().write(to: url.appendingPathComponent("tiny.safetensors"))
    try Data(lesson.utf8).write(to: url.appendingPathComponent("01-tiny.md"))
  }

  func load() throws -> (LessonSet, ModelShelf) {
    let shelf = ModelShelf(lessonsDirectory: url)
    return (try LessonSetLoader(catalog: shelf).load(directory: url), shelf)
  }
}

private let frontMatter = """
  ---
  title: Tiny
  order: 1
  summary: A tiny model.
  objectives: [Read a fact]
  minutes: 1
  ---

  """

@Suite("Lesson materials")
struct LessonMaterialsTests {
  @Test("facts take their values from the checkpoint and the trace")
  func factsResolve() throws {
    let folder = try LessonFolder(
      lesson: frontMatter + """
        It has `="tiny.safetensors".parameters` parameters; the forget gate's mean at step 1 is
        `=trace("tiny.safetensors", "abc", "ca").encoder[1].forgetGate.mean` and it writes
        `=trace("tiny.safetensors", "abc").output`.

        ```trace
        model: tiny.safetensors
        input: "abc"
        target: "ca"
        view: comparison
        caption: Both decodes of abc.
        ```
        """)
    let (set, shelf) = try folder.load()
    let materials = try LessonMaterials.gather(for: set, shelf: shelf)
    let trace = try folder.model.trace(input: "abc", target: "ca")
    let forget = trace.encoder.forward[1].state.forgetGate
    let values = try #require(materials.factValues[set.lessons[0].slug])
    #expect(values[0] == ModelSummary.grouped(folder.model.parameterCount), "the count comes from the checkpoint")
    #expect(values[1] == String(format: "%.3f", forget.reduce(0, +) / Float(forget.count)), "the mean comes from the trace")
    #expect(values[2] == "“\(try folder.model.trace(input: "abc").primaryDecode.output)”")
    #expect(
      materials.traces[TraceRequest(model: "tiny.safetensors", input: "abc", target: "ca")] == trace, "figures get the same trace"
    )
  }

  @Test("facts with no value are all reported, with their places")
  func unresolvableFacts() throws {
    let folder = try LessonFolder(
      lesson: frontMatter + """
        Step 9: `=trace("tiny.safetensors", "abc").decoder[9].token`.
        Accuracy: `="tiny.safetensors".accuracy.exactMatch`.

        ```trace
        model: tiny.safetensors
        input: "abc"
        view: history
        caption: How it learned.
        ```
        """)
    let (set, shelf) = try folder.load()
    #expect(throws: LessonSetError.self) { try LessonMaterials.gather(for: set, shelf: shelf) }
    do {
      _ = try LessonMaterials.gather(for: set, shelf: shelf)
    } catch {
      #expect(error.problems.count == 3, "every problem at once: \(error)")
      #expect(error.problems.allSatisfy { $0.location.file == "01-tiny.md" && $0.location.line >= 8 })
      #expect(error.description.contains("no step 9"))
      #expect(error.description.contains("no training history"))
      #expect(error.description.contains("no training history to show"), "a history figure needs a history")
    }
  }
}

@Suite("Lesson materials: what is missing is named")
struct MissingMaterialsTests {
  /// One epoch of training on two pairs, with "abc" as the probe, written beside the
  /// checkpoint as tiny.history.json.
  private func writeHistory(in folder: LessonFolder) throws {
    let config = folder.model.configuration
    var trainer = try Trainer(
      model: folder.model, options: TrainingOptions(epochs: 1, batchSize: 2, seed: 0, optimizer: .adam, probeEpochs: [1]))
    let pairs = try [("abc", "ca"), ("ba", "ab")].map { try TrainingExample(source: $0.0, target: $0.1, configuration: config) }
    let history = try trainer.train(on: pairs, probes: [ProbeExample(input: "abc", target: "ca")])
    try history.jsonData().write(to: folder.url.appendingPathComponent("tiny.history.json"))
  }

  @Test("a checkpoint a lesson names that is not there is named as missing, not as an unknown model")
  func missingCheckpoint() throws {
    let folder = try LessonFolder(
      lesson: frontMatter + """
        ```trace
        model: models/nosuch.safetensors
        input: "abc"
        view: encoder
        caption: Reading.
        ```
        """)
    let error = try #require(throws: LessonSetError.self) { try folder.load() }
    #expect(error.description == "01-tiny.md:9:8: models/nosuch.safetensors: checkpoint file not found")
  }

  @Test("a history figure or an epochs fact without a history names the file it looked for")
  func missingHistoryIsNamed() throws {
    let folder = try LessonFolder(
      lesson: frontMatter + """
        It trained for `="tiny.safetensors".epochs` epochs.

        ```trace
        model: tiny.safetensors
        view: history
        caption: How it learned.
        ```
        """)
    let (set, shelf) = try folder.load()
    let error = try #require(throws: LessonSetError.self) { try LessonMaterials.gather(for: set, shelf: shelf) }
    #expect(error.problems.count == 2, "\(error)")
    #expect(error.problems.allSatisfy { $0.message.contains("there is no tiny.history.json beside its checkpoint") }, "\(error)")
  }

  @Test("a history figure needs no input: it follows the history's first probe")
  func historyWithoutInput() throws {
    let folder = try LessonFolder(
      lesson: frontMatter + """
        ```trace
        model: tiny.safetensors
        view: history
        caption: How it learned.
        ```
        """)
    try writeHistory(in: folder)
    let (set, shelf) = try folder.load()
    let figure = try #require(
      set.lessons.first?.blocks.compactMap { block -> TraceFigure? in
        if case .trace(let figure) = block { return figure }
        return nil
      }.first)
    #expect(figure.input == nil)
    let materials = try LessonMaterials.gather(for: set, shelf: shelf)
    #expect(materials.models["tiny.safetensors"]?.history?.probes.first?.traces.first?.input == "abc")
    #expect(!materials.traces.keys.contains { $0.model == "tiny.safetensors" }, "it traces nothing itself")
  }
}

@Suite("Model shelf")
struct ModelShelfTests {
  @Test("a training history that is there but unreadable is reported, not taken for none")
  func corruptHistory() throws {
    let folder = try LessonFolder(lesson: frontMatter + "Nothing yet.\n")
    try Data("{not a history".utf8).write(to: folder.url.appendingPathComponent("tiny.history.json"))
    let result = ModelShelf(lessonsDirectory: folder.url).load("tiny.safetensors")
    guard case .failure(let error) = result else {
      Issue.record("a corrupt history was accepted")
      return
    }
    #expect(error.description.contains("tiny.history.json"), "\(error)")
  }

  @Test("the provenance hash is of the checkpoint's bytes")
  func checkpointHash() throws {
    let folder = try LessonFolder(lesson: frontMatter + "Nothing yet.\n")
    let entry = try ModelShelf(lessonsDirectory: folder.url).load("tiny.safetensors").get()
    let bytes = try Data(contentsOf: folder.url.appendingPathComponent("tiny.safetensors"))
    #expect(entry.checkpointHash == ModelShelf.fnv1a(bytes))
    #expect(entry.checkpointHash.count == 16)
  }
}
