import Foundation
import Testing

@testable import Trace
@testable import TraceCore

@Suite("Model checkpoints")
struct ModelCheckpointTests {
  @Test("every architecture survives a checkpoint round trip", arguments: ModelFactory.tinyNames)
  func roundTrip(name: String) throws {
    let model = try ModelFactory.tiny(name)
    let bytes = try model.checkpoint().serialized()
    let restored = try Seq2SeqModel(checkpoint: try SafeTensorsFile(bytes: bytes))
    #expect(restored == model, "weights and configuration come back exactly")
    let input = name.contains("words") ? "go left" : "abc"
    // A bidirectional decoder traces only teacher-forced, so it needs a target.
    let target = model.configuration.kind.decoding == .freeRunning ? nil : "cab"
    #expect(try restored.trace(input: input, target: target) == model.trace(input: input, target: target))
  }

  /// The committed checkpoints are golden files: the same model must give the same bytes,
  /// and the browser and schema tests trace them. `UNROLLED_RECORD_SNAPSHOTS=1` rewrites them.
  @Test("fixture checkpoints are byte-identical to freshly written ones", arguments: ModelFactory.tinyNames)
  func goldenCheckpoint(name: String) throws {
    let bytes = try ModelFactory.tiny(name).checkpoint().serialized()
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/checkpoints")
    let url = fixtures.appendingPathComponent("\(name).safetensors")
    if ProcessInfo.processInfo.environment["UNROLLED_RECORD_SNAPSHOTS"] != nil {
      try FileManager.default.createDirectory(at: fixtures, withIntermediateDirectories: true)
      try Data(bytes).write(to: url)
      Issue.record("recorded new baseline \(name).safetensors")
      return
    }
    let golden = try Data(contentsOf: url)
    #expect(golden == Data(bytes), "\(name).safetensors differs from what this code writes")
  }

  @Test("a checkpoint with a missing weight names it")
  func missingTensor() throws {
    var file = try ModelFactory.tiny("state-lstm").checkpoint()
    file.tensors["decoder/bias"] = nil
    #expect(throws: CheckpointError(.missingTensor("decoder/bias"))) { try Seq2SeqModel(checkpoint: file) }
  }

  @Test("a checkpoint whose weights do not fit the architecture says which")
  func wrongShape() throws {
    var file = try ModelFactory.tiny("state-lstm").checkpoint()
    file.tensors["output/bias"] = NamedTensor(shape: [2], values: [0, 0])
    #expect(throws: CheckpointError(.shapeMismatch(tensor: "output/bias", found: [2], expected: [6]))) {
      try Seq2SeqModel(checkpoint: file)
    }
  }

  @Test("a checkpoint whose configuration is not JSON is refused")
  func corruptConfiguration() throws {
    var file = try ModelFactory.tiny("repeat-lstm").checkpoint()
    file.metadata["config"] = "{not json"
    #expect(throws: CheckpointError.self) { try Seq2SeqModel(checkpoint: file) }
    do {
      _ = try Seq2SeqModel(checkpoint: file)
    } catch {
      #expect(error.description.contains("config"), "the message names the metadata key: \(error)")
    }
  }

  @Test("a safetensors file that is not an unrolled checkpoint is refused")
  func notAnUnrolledCheckpoint() throws {
    let file = SafeTensorsFile(tensors: ["w": NamedTensor(shape: [1], values: [1])])
    #expect(throws: CheckpointError(.wrongFormat(found: nil))) { try Seq2SeqModel(checkpoint: file) }
  }
}
