import Foundation
import Testing

@testable import Trace
@testable import TraceCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Checkpoints written to hurt: sizes that overflowed, allocated terabytes or looped for
/// hours (issue 15), configurations that are not what they claim, a FIFO. Each is refused at
/// once with one line naming what is wrong, never a trap or a Codable dump.
@Suite("Hostile checkpoints")
struct HostileCheckpointTests {
  /// A tiny state-bridge checkpoint whose configuration JSON has been changed by `edit`.
  static func checkpoint(editing edit: (inout [String: Any]) -> Void) throws -> SafeTensorsFile {
    var file = try ModelFactory.tiny("state-lstm").checkpoint()
    let text = try #require(file.metadata["config"])
    var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    edit(&object)
    file.metadata["config"] = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    return file
  }

  /// The one line a checkpoint is refused with.
  static func refusal(_ file: SafeTensorsFile) throws -> String {
    do {
      _ = try Seq2SeqModel(checkpoint: try SafeTensorsFile(bytes: try file.serialized()))
    } catch {
      return error.description
    }
    Issue.record("the checkpoint was read")
    return ""
  }

  struct SizeCase: CustomTestStringConvertible, Sendable {
    var path: [String]
    var value: Int
    var expected: String
    var testDescription: String { "\(path.joined(separator: ".")) = \(value)" }
  }

  static let sizes = [
    SizeCase(
      path: ["encoder", "units"], value: 1 << 62,
      expected: "the encoder's units must be at most 2048, not 4611686018427387904"),
    SizeCase(
      path: ["decoder", "units"], value: 1 << 62,
      expected: "the decoder's units must be at most 2048, not 4611686018427387904"),
    SizeCase(path: ["encoder", "units"], value: 0, expected: "the encoder's units must be at least 1, not 0"),
    SizeCase(
      path: ["maxOutputLength"], value: 2_147_483_648,
      expected: "the maximum output length must be at most 1000, not 2147483648"),
    SizeCase(
      path: ["maxInputLength"], value: Int.max,
      expected: "the maximum input length must be at most 1000, not 9223372036854775807"),
    SizeCase(
      path: ["series", "decimals"], value: 2_147_483_648,
      expected: "the series' decimals must be at most 9, not 2147483648"),
    SizeCase(
      path: ["encoder", "embeddingSize"], value: 1 << 40,
      expected: "the encoder's embedding size must be at most 2048, not 1099511627776"),
  ]

  @Test("every size in a configuration is held to its documented limit before anything is built", arguments: sizes)
  func hugeSizes(_ example: SizeCase) throws {
    let file = try Self.checkpoint { config in
      if example.path.count == 1 {
        config[example.path[0]] = example.value
      } else {
        var inner = config[example.path[0]] as? [String: Any] ?? [:]
        inner[example.path[1]] = example.value
        config[example.path[0]] = inner
      }
    }
    #expect(try Self.refusal(file) == "metadata key \"config\" is unreadable: \(example.expected)")
  }

  struct DecodingCase: CustomTestStringConvertible, Sendable {
    var name: String
    var config: String
    var expectedStart: String
    var testDescription: String { name }
  }

  static let malformed = [
    DecodingCase(name: "not JSON", config: "{\"name\": ", expectedStart: "not valid JSON"),
    DecodingCase(name: "a key missing", config: "{\"name\": \"x\"}", expectedStart: "bridge is missing"),
    DecodingCase(
      name: "a number as text",
      config: #"{"name":"x","bridge":"stateBridge","encoder":{"units":"many"}}"#,
      expectedStart: "at encoder.units: "),
    DecodingCase(
      name: "a number past Int",
      config: #"{"name":"x","bridge":"stateBridge","encoder":{"units":4611686018427387904000}}"#,
      expectedStart: "not valid JSON"),
  ]

  @Test("a configuration Codable cannot read is one line naming the place, no Context dump", arguments: malformed)
  func malformedConfiguration(_ example: DecodingCase) throws {
    var file = try ModelFactory.tiny("state-lstm").checkpoint()
    file.metadata["config"] = example.config
    let line = try Self.refusal(file)
    let prefix = "metadata key \"config\" is unreadable: "
    #expect(line.hasPrefix(prefix + example.expectedStart), "\(line)")
    for dump in ["Context(", "codingPath", "debugDescription", "underlyingError", "DecodingError", "\n"] {
      #expect(!line.contains(dump), "\(line)")
    }
  }

  @Test("a vocabulary with a token twice names the tokens, not the decoder's internals")
  func duplicateToken() throws {
    let file = try Self.checkpoint { config in
      config["inputVocabulary"] = ["tokens": ["a", "a"], "unit": "character"]
    }
    #expect(
      try Self.refusal(file)
        == "metadata key \"config\" is unreadable: at inputVocabulary.tokens: a token appears twice")
  }

  @Test("a FIFO as a checkpoint is refused at once, not waited on")
  func fifo() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("unrolled-fifo-\(ProcessInfo.processInfo.processIdentifier).safetensors").path
    unlink(path)
    try #require(mkfifo(path, 0o600) == 0)
    defer { unlink(path) }
    #expect(throws: CheckpointError(.unreadable(reason: "not a regular file"), file: path)) {
      _ = try Seq2SeqModel(checkpointAt: URL(fileURLWithPath: path))
    }
  }

  @Test(
    "training options past their limits are refused with the limit",
    arguments: [
      (TrainingOptions(epochs: 100_001), "epochs must be at most 100000, not 100001"),
      (TrainingOptions(epochs: -1), "epochs must be 0 or more, not -1"),
      (TrainingOptions(batchSize: Int.max), "the batch size must be at most 65536, not 9223372036854775807"),
    ])
  func trainingLimits(_ options: TrainingOptions, _ expected: String) {
    #expect(throws: TrainingError.invalidOption(expected)) { try options.validate() }
  }

  @Test("a model's name and tokens reach the terminal with their control characters escaped")
  func controlCharactersEscaped() throws {
    let tokens = ["a", "\u{1B}", "\u{7}", "\u{9B}"]
    let model = try Seq2SeqModel(
      configuration: Seq2SeqConfiguration(
        name: "\u{1B}]0;owned\u{7}\u{1B}[2J", bridge: .repeatVector, encoder: EncoderConfiguration(units: 2),
        decoder: DecoderConfiguration(units: 2), inputVocabulary: Vocabulary(tokens: tokens),
        outputVocabulary: Vocabulary(tokens: tokens), maxInputLength: 3, maxOutputLength: 2),
      seed: 1)
    let table = try model.trace(input: "a\u{1B}\u{9B}").textTable
    let summary = ModelSummary(model).table
    for text in [table, summary] {
      #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no raw control character")
      #expect(!text.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) }, "no raw DEL or C1 control")
      #expect(text.contains("\\u{1B}]0;owned\\u{7}\\u{1B}[2J"), "the name is shown escaped")
    }
    #expect(table.contains("\\u{9B}"), "a token is shown escaped")
  }

  @Test("escaping leaves ordinary text and line breaks alone, and catches bidirectional overrides")
  func escaping() {
    #expect(TerminalText.escaped("addition ␣ ⟨start⟩\nnext") == "addition ␣ ⟨start⟩\nnext")
    #expect(TerminalText.escaped("tab\there") == "tab\\u{9}here")
    #expect(TerminalText.escaped("abc\u{202E}fed") == "abc\\u{202E}fed")
  }
}
