import Foundation
import Testing

@testable import Trace
@testable import TraceCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite("Checkpoint container (safetensors)")
struct CheckpointTests {
  // MARK: Writing and reading back

  @Test("writes and reads back the same tensors and metadata")
  func roundTrip() throws {
    let file = SafeTensorsFile(
      tensors: [
        "encoder/kernel": NamedTensor(shape: [3, 8], values: (0..<24).map { Float($0) * 0.1 - 1 }),
        "encoder/bias": NamedTensor(shape: [8], values: [Float](repeating: 0, count: 8)),
        "output/bias": NamedTensor(
          shape: [2], values: [-Float.greatestFiniteMagnitude, .leastNonzeroMagnitude]),
        "scalar": NamedTensor(shape: [], values: [-0.0]),
        "empty": NamedTensor(shape: [0, 5], values: []),
      ],
      metadata: [
        "format": "unrolled-checkpoint", "version": "1",
        "config": #"{"kind":"stateBridge","tokens":["<start>","é","\"","\\"]}"#,
        "control": "tab\tnewline\nbell\u{07}",
      ])
    let back = try SafeTensorsFile(bytes: try file.serialized())
    #expect(back == file, "every tensor and metadata value survives the trip")
    #expect(back.tensors["scalar"]?.values.first?.sign == .minus, "-0.0 keeps its sign bit")
  }

  @Test("writing the same content twice gives identical bytes")
  func deterministicBytes() throws {
    var first = SafeTensorsFile(tensors: [:], metadata: [:])
    var second = SafeTensorsFile(tensors: [:], metadata: [:])
    let names = (0..<40).map { "layer\($0)/kernel" }
    for name in names {
      first.tensors[name] = NamedTensor(shape: [2], values: [1, Float(name.count)])
      first.metadata[name] = name
    }
    for name in names.reversed() {
      second.tensors[name] = NamedTensor(shape: [2], values: [1, Float(name.count)])
      second.metadata[name] = name
    }
    let bytes = try first.serialized()
    #expect(bytes == (try second.serialized()), "insertion order must not reach the file")
    #expect(bytes == (try SafeTensorsFile(bytes: bytes).serialized()), "re-serialising is stable")
  }

  @Test("pins the byte layout of a tiny file: length, JSON, padding, data")
  func goldenBytes() throws {
    let file = SafeTensorsFile(
      tensors: [
        "b": NamedTensor(shape: [2], values: [1.0, -2.0]),
        "a": NamedTensor(shape: [], values: [0.5]),
      ],
      metadata: ["k": "v"])
    let json =
      #"{"__metadata__":{"k":"v"},"#
      + #""a":{"dtype":"F32","shape":[],"data_offsets":[0,4]},"#
      + #""b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
    #expect(json.utf8.count == 132)
    let expected: [UInt8] =
      [0x88, 0, 0, 0, 0, 0, 0, 0]  // 136 = 132 bytes of JSON + 4 spaces, little-endian
      + Array(json.utf8) + Array("    ".utf8)
      + [0x00, 0x00, 0x00, 0x3F]  // a = 0.5
      + [0x00, 0x00, 0x80, 0x3F]  // b[0] = 1.0
      + [0x00, 0x00, 0x00, 0xC0]  // b[1] = -2.0
    #expect(try file.serialized() == expected)
    #expect(try SafeTensorsFile(bytes: expected) == file)
  }

  @Test("reads and writes a few megabytes")
  func largeTensor() throws {
    var generator = SeededGenerator(seed: 3)
    let values = (0..<1_000_000).map { _ in generator.uniform(-1, 1) }
    let file = SafeTensorsFile(tensors: ["big": NamedTensor(shape: [1000, 1000], values: values)])
    let bytes = try file.serialized()
    #expect(bytes.count == 8 + 72 + 4_000_000, "72 header bytes, then 4 bytes a value")
    #expect(try SafeTensorsFile(bytes: bytes) == file)
  }

  // MARK: Files written by the reference implementation

  @Test("reads a checkpoint written by Python's safetensors")
  func readsPythonFile() throws {
    let url = try #require(
      Bundle.module.url(
        forResource: "python-encoder-decoder", withExtension: "safetensors",
        subdirectory: "Fixtures"))
    let file = try SafeTensorsFile(contentsOf: url)
    #expect(try file.checkUnrolledCheckpoint() == 1)
    #expect(file.metadata["name"] == "tiny")
    #expect(file.metadata["config"] == #"{"kind":"stateBridge","units":2}"#)
    let shapes: [String: [Int]] = [
      "decoder/bias": [8], "decoder/kernel": [4, 8], "decoder/recurrent_kernel": [2, 8],
      "encoder/bias": [8], "encoder/kernel": [3, 8], "encoder/recurrent_kernel": [2, 8],
      "output/bias": [4], "output/kernel": [2, 4],
    ]
    #expect(Set(file.tensors.keys) == Set(shapes.keys))
    for (index, name) in shapes.keys.sorted().enumerated() {
      let tensor = try file.tensor(name, shape: try #require(shapes[name]))
      #expect(
        tensor.values == Self.fixtureValues(count: tensor.values.count, tensorIndex: index),
        "\(name)")
    }
  }

  @Test("writes the same bytes as Python's safetensors")
  func matchesPythonBytes() throws {
    let url = try #require(
      Bundle.module.url(
        forResource: "python-one-metadata-key", withExtension: "safetensors",
        subdirectory: "Fixtures"))
    let pythonBytes = try [UInt8](Data(contentsOf: url))
    let file = try SafeTensorsFile(bytes: pythonBytes)
    #expect(
      file.tensors["scalar"]
        == NamedTensor(shape: [], values: Self.fixtureValues(count: 1, tensorIndex: 3)))
    #expect(file.tensors["empty"] == NamedTensor(shape: [0, 4], values: []))
    #expect(
      try file.serialized() == pythonBytes, "header, padding and data as the reference writes them")
  }

  /// The values make_safetensors_fixture.py gives tensor number `tensorIndex` (in name order).
  static func fixtureValues(count: Int, tensorIndex: Int) -> [Float] {
    (0..<count).map { Float($0 - count / 2) * 0.125 + Float(tensorIndex) }
  }

  // MARK: Corrupt files

  @Test("refuses a corrupt file with the specific problem", arguments: Corruption.all)
  func refusesCorruption(_ corruption: Corruption) {
    #expect(throws: CheckpointError(corruption.problem)) {
      try SafeTensorsFile(bytes: corruption.bytes)
    }
  }

  @Test("a header that is not JSON reports the parser's reason on one line")
  func invalidJSON() throws {
    var bytes = try Self.tiny.serialized()
    let lastBrace = try #require(bytes[0..<144].lastIndex(of: UInt8(ascii: "}")))
    bytes[lastBrace] = UInt8(ascii: " ")
    let error = try #require(throws: CheckpointError.self) { try SafeTensorsFile(bytes: bytes) }
    guard case .headerNotJSON(let reason) = error.problem else {
      Issue.record("expected headerNotJSON, got \(error)")
      return
    }
    #expect(!reason.isEmpty && !error.description.contains("\n"))
  }

  @Test(
    "refuses to write what it could not read back",
    arguments: [
      (
        "nan", NamedTensor(shape: [2], values: [1, .nan]),
        CheckpointError.Problem.notFinite(tensor: "nan", value: .nan, element: 1)
      ),
      (
        "short", NamedTensor(shape: [2, 3], values: [1, 2]),
        .tensorEntryMalformed(tensor: "short", reason: "2 values do not fill its shape [2, 3]")
      ),
      (
        "negative", NamedTensor(shape: [-1], values: []),
        .tensorEntryMalformed(tensor: "negative", reason: "its shape [-1] has a negative dimension")
      ),
      (
        "__metadata__", NamedTensor(shape: [1], values: [0]),
        .tensorEntryMalformed(
          tensor: "__metadata__", reason: "the name __metadata__ is reserved for the metadata")
      ),
    ])
  func refusesToWrite(name: String, tensor: NamedTensor, problem: CheckpointError.Problem) {
    #expect(throws: CheckpointError(problem)) {
      try SafeTensorsFile(tensors: [name: tensor]).serialized()
    }
  }

  // MARK: Files on disk

  @Test("writes a file, replaces it, and reads it back")
  func writesAndReplacesFile() throws {
    let directory = try TemporaryDirectory()
    let url = directory.url.appendingPathComponent("model.safetensors")
    try SafeTensorsFile(tensors: ["a": NamedTensor(shape: [1], values: [1])]).write(to: url)
    try Self.tiny.write(to: url)
    #expect(try SafeTensorsFile(contentsOf: url) == Self.tiny)
    #expect(try directory.fileNames() == ["model.safetensors"], "no temporary file is left behind")
  }

  @Test("a failed write leaves the old file untouched")
  func failedWriteKeepsOldFile() throws {
    let directory = try TemporaryDirectory()
    let url = directory.url.appendingPathComponent("model.safetensors")
    try Self.tiny.write(to: url)
    let oldBytes = try Data(contentsOf: url)
    let broken = SafeTensorsFile(tensors: ["a": NamedTensor(shape: [1], values: [.infinity])])
    #expect(
      throws: CheckpointError(
        .notFinite(tensor: "a", value: .positiveInfinity, element: 0), file: url.relativePath)
    ) {
      try broken.write(to: url)
    }
    #expect(try Data(contentsOf: url) == oldBytes)
    #expect(try directory.fileNames() == ["model.safetensors"])
  }

  @Test("a write whose temporary file cannot be created leaves the old file untouched")
  func failedTemporaryFileKeepsOldFile() throws {
    let directory = try TemporaryDirectory()
    // A 250-byte name is legal, but the temporary name beside it is over the 255-byte
    // limit: the file system refuses it even for root, for whom permissions do not count.
    let url = directory.url.appendingPathComponent(String(repeating: "m", count: 250))
    try Self.tiny.write(to: url.deletingLastPathComponent().appendingPathComponent("short"))
    try FileManager.default.moveItem(
      at: directory.url.appendingPathComponent("short"), to: url)
    let oldBytes = try Data(contentsOf: url)
    let error = try #require(throws: CheckpointError.self) {
      try SafeTensorsFile(tensors: [:]).write(to: url)
    }
    #expect(
      error.problem
        == .cannotWrite(
          reason: "cannot create a temporary file beside it: File name too long"))
    #expect(try Data(contentsOf: url) == oldBytes)
  }

  @Test(
    "a write into a read-only directory leaves the old file untouched",
    .enabled(if: geteuid() != 0, "root ignores directory permissions"))
  func readOnlyDirectoryKeepsOldFile() throws {
    let directory = try TemporaryDirectory()
    let url = directory.url.appendingPathComponent("model.safetensors")
    try Self.tiny.write(to: url)
    let oldBytes = try Data(contentsOf: url)
    chmod(directory.url.path, 0o555)
    defer { chmod(directory.url.path, 0o755) }
    let error = try #require(throws: CheckpointError.self) {
      try SafeTensorsFile(tensors: [:]).write(to: url)
    }
    #expect(
      error.problem
        == .cannotWrite(
          reason: "cannot create a temporary file beside it: Permission denied"))
    #expect(try Data(contentsOf: url) == oldBytes)
  }

  @Test("a write into a missing directory says why")
  func writeIntoMissingDirectory() throws {
    let directory = try TemporaryDirectory()
    let url = directory.url.appendingPathComponent("missing/model.safetensors")
    #expect(
      throws: CheckpointError(
        .cannotWrite(reason: "cannot create a temporary file beside it: No such file or directory"),
        file: url.relativePath)
    ) {
      try Self.tiny.write(to: url)
    }
    #expect(!FileManager.default.fileExists(atPath: url.path))
  }

  @Test("errors name the file: missing, a directory, corrupt")
  func errorsNameTheFile() throws {
    let directory = try TemporaryDirectory()
    let missing = URL(fileURLWithPath: "no/such/model.safetensors")
    #expect(throws: CheckpointError(.fileMissing, file: "no/such/model.safetensors")) {
      try SafeTensorsFile(contentsOf: missing)
    }
    #expect(
      throws: CheckpointError(
        .unreadable(reason: "not a regular file"), file: directory.url.relativePath)
    ) {
      try SafeTensorsFile(contentsOf: directory.url)
    }
    let corrupt = directory.url.appendingPathComponent("nan.safetensors")
    var bytes = try Self.tiny.serialized()
    bytes.replaceSubrange(bytes.count - 12..<bytes.count - 8, with: [0x00, 0x00, 0xC0, 0x7F])
    try Data(bytes).write(to: corrupt)
    let error = try #require(throws: CheckpointError.self) {
      try SafeTensorsFile(contentsOf: corrupt)
    }
    #expect(
      error.description
        == "\(corrupt.relativePath): corrupt checkpoint: tensor \"a\" holds NaN at element 0")
  }

  // MARK: Model-level checks

  @Test(
    "error messages are one clear line",
    arguments: [
      (
        CheckpointError(.missingTensor("decoder/kernel"), file: "m.safetensors"),
        #"m.safetensors: missing tensor "decoder/kernel""#
      ),
      (
        CheckpointError(.shapeMismatch(tensor: "output/bias", found: [3], expected: [4])),
        #"tensor "output/bias" has shape [3] but the model needs [4]"#
      ),
      (CheckpointError(.missingMetadata(key: "config")), #"missing metadata key "config""#),
      (
        CheckpointError(.unreadableMetadata(key: "config", reason: "not JSON")),
        #"metadata key "config" is unreadable: not JSON"#
      ),
      (
        CheckpointError(.wrongFormat(found: "pt")),
        #"not an unrolled checkpoint: format is "pt", expected "unrolled-checkpoint""#
      ),
      (
        CheckpointError(.wrongFormat(found: nil)),
        #"not an unrolled checkpoint: no "format" metadata (expected "unrolled-checkpoint")"#
      ),
      (
        CheckpointError(.unsupportedVersion(found: "2", supported: [1])),
        #"unsupported checkpoint version "2"; this build reads version 1"#
      ),
      (
        CheckpointError(.unsupportedDtype(tensor: "a", dtype: "BF16")),
        #"tensor "a" has dtype "BF16"; only F32 is supported"#
      ),
      (
        CheckpointError(.offsetsDoNotMatchShape(tensor: "a", shape: [2, 3], byteCount: 20)),
        #"tensor "a" has shape [2, 3], which needs 24 bytes, but its data_offsets span 20"#
      ),
      (
        CheckpointError(
          .headerPastEnd(headerLength: 136, bytesAfterLength: 12), file: "m.safetensors"),
        "m.safetensors: file truncated: the header should be 136 bytes but only 12 follow the header length"
      ),
    ])
  func messages(error: CheckpointError, expected: String) {
    #expect(error.description == expected)
  }

  @Test("finds the tensors and metadata a model needs, or says what is missing")
  func modelLevelChecks() throws {
    let file = SafeTensorsFile(
      tensors: ["output/bias": NamedTensor(shape: [4], values: [1, 2, 3, 4])],
      metadata: ["format": "unrolled-checkpoint", "version": "1"])
    #expect(try file.tensor("output/bias", shape: [4]).values == [1, 2, 3, 4])
    #expect(throws: CheckpointError(.missingTensor("output/kernel"))) {
      try file.tensor("output/kernel", shape: [2, 4])
    }
    #expect(
      throws: CheckpointError(.shapeMismatch(tensor: "output/bias", found: [4], expected: [5]))
    ) {
      try file.tensor("output/bias", shape: [5])
    }
    #expect(try file.checkUnrolledCheckpoint() == 1)
    #expect(throws: CheckpointError(.missingMetadata(key: "config"))) {
      try file.metadataValue(.config)
    }

    var other = file
    other.metadata["format"] = "pt"
    #expect(throws: CheckpointError(.wrongFormat(found: "pt"))) {
      try other.checkUnrolledCheckpoint()
    }
    other.metadata["format"] = nil
    #expect(throws: CheckpointError(.wrongFormat(found: nil))) {
      try other.checkUnrolledCheckpoint()
    }
    other.metadata = ["format": "unrolled-checkpoint", "version": "2"]
    #expect(throws: CheckpointError(.unsupportedVersion(found: "2", supported: [1]))) {
      try other.checkUnrolledCheckpoint()
    }
    other.metadata["version"] = nil
    #expect(throws: CheckpointError(.missingMetadata(key: "version"))) {
      try other.checkUnrolledCheckpoint()
    }
    #expect(
      CheckpointError(.missingTensor("x")).inFile("m.safetensors").description
        == #"m.safetensors: missing tensor "x""#)
  }

  /// The tiny file of the golden test: `a` = [0.5] (scalar), `b` = [1, -2], metadata k = v.
  static let tiny = SafeTensorsFile(
    tensors: [
      "a": NamedTensor(shape: [], values: [0.5]), "b": NamedTensor(shape: [2], values: [1, -2]),
    ],
    metadata: ["k": "v"])
}

/// A damaged file and the problem reading it must report.
struct Corruption: CustomTestStringConvertible, Sendable {
  var name: String
  var bytes: [UInt8]
  var problem: CheckpointError.Problem

  var testDescription: String { name }

  /// A file made of `header` (padded like the writer pads it) and `data`.
  static func file(_ header: String, data: [UInt8], headerLength: UInt64? = nil) -> [UInt8] {
    var headerBytes = Array(header.utf8)
    headerBytes += [UInt8](repeating: UInt8(ascii: " "), count: (8 - headerBytes.count % 8) % 8)
    let length = headerLength ?? UInt64(headerBytes.count)
    return withUnsafeBytes(of: length.littleEndian, Array.init) + headerBytes + data
  }

  static let floats: [UInt8] = [0, 0, 0, 0x3F, 0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0]  // 0.5, 1, -2
  static let a = #""a":{"dtype":"F32","shape":[],"data_offsets":[0,4]}"#
  static let b = #""b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}"#

  static var all: [Corruption] {
    let valid = file("{\(a),\(b)}", data: floats)
    func truncated(to length: Int, _ problem: CheckpointError.Problem) -> Corruption {
      Corruption(
        name: "truncated to \(length) bytes", bytes: Array(valid.prefix(length)), problem: problem)
    }
    func header(_ name: String, _ json: String, _ problem: CheckpointError.Problem) -> Corruption {
      Corruption(name: name, bytes: file(json, data: floats), problem: problem)
    }
    func flipped(_ name: String, at index: Int, to byte: UInt8, _ problem: CheckpointError.Problem)
      -> Corruption
    {
      var bytes = valid
      bytes[index] = byte
      return Corruption(name: name, bytes: bytes, problem: problem)
    }
    let malformedA = { (reason: String) in
      CheckpointError.Problem.tensorEntryMalformed(tensor: "a", reason: reason)
    }
    let bigNumber =
      "its data_offsets holds 18446744073709551615, not a whole number from 0 to \(Int.max)"
    return [
      truncated(to: 0, .tooShortForHeaderLength(byteCount: 0)),
      truncated(to: 7, .tooShortForHeaderLength(byteCount: 7)),
      truncated(to: 8, .headerPastEnd(headerLength: 112, bytesAfterLength: 0)),
      truncated(to: 60, .headerPastEnd(headerLength: 112, bytesAfterLength: 52)),
      truncated(to: 120, .tensorPastEnd(tensor: "a", end: 4, dataByteCount: 0)),
      truncated(to: 131, .tensorPastEnd(tensor: "b", end: 12, dataByteCount: 11)),
      Corruption(
        name: "header length over 100 MB",
        bytes: file("{\(a),\(b)}", data: floats, headerLength: 1 << 40),
        problem: .headerLengthAbsurd(headerLength: 1 << 40)),
      Corruption(
        name: "header length UInt64.max", bytes: file("{}", data: [], headerLength: .max),
        problem: .headerLengthAbsurd(headerLength: .max)),
      Corruption(
        name: "header length past the end", bytes: file("{}", data: [], headerLength: 9),
        problem: .headerPastEnd(headerLength: 9, bytesAfterLength: 8)),
      flipped("header byte 0xFF", at: 8, to: 0xFF, .headerNotUTF8),
      flipped(
        "header starts with [", at: 8, to: UInt8(ascii: "["),
        .headerNotJSON(reason: "it does not start with \"{\"")),
      flipped(
        "dtype flipped to F12", at: 24, to: UInt8(ascii: "1"),
        .unsupportedDtype(tensor: "a", dtype: "F12")),
      flipped(
        "shape digit flipped", at: 89, to: UInt8(ascii: "3"),
        .offsetsDoNotMatchShape(tensor: "b", shape: [3], byteCount: 8)),
      header(
        "bad dtype", #"{"a":{"dtype":"BF16","shape":[],"data_offsets":[0,4]},\#(b)}"#,
        .unsupportedDtype(tensor: "a", dtype: "BF16")),
      header(
        "overlapping offsets", #"{\#(a),"b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#,
        .tensorsOverlap(tensor: "a", otherTensor: "b")),
      header(
        "a gap between tensors",
        #"{"a":{"dtype":"F32","shape":[],"data_offsets":[8,12]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
        .gapBeforeTensor(tensor: "a", byteCount: 4)),
      header(
        "a gap at the start", #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
        .gapBeforeTensor(tensor: "a", byteCount: 4)),
      header(
        "offsets past the end", #"{\#(a),"b":{"dtype":"F32","shape":[3],"data_offsets":[4,16]}}"#,
        .tensorPastEnd(tensor: "b", end: 16, dataByteCount: 12)),
      Corruption(
        name: "bytes after the last tensor",
        bytes: file("{\(a),\(b)}", data: floats + [1, 2, 3, 4]),
        problem: .trailingBytes(byteCount: 4)),
      header(
        "offsets shorter than the shape",
        #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
        .offsetsDoNotMatchShape(tensor: "a", shape: [2], byteCount: 4)),
      header(
        "missing dtype", #"{"a":{"shape":[],"data_offsets":[0,4]},\#(b)}"#,
        malformedA("it has no dtype")),
      header(
        "missing shape", #"{"a":{"dtype":"F32","data_offsets":[0,4]},\#(b)}"#,
        malformedA("it has no shape")),
      header(
        "missing offsets", #"{"a":{"dtype":"F32","shape":[]},\#(b)}"#,
        malformedA("it has no data_offsets")),
      header(
        "dtype not a string", #"{"a":{"dtype":32,"shape":[],"data_offsets":[0,4]},\#(b)}"#,
        malformedA("its dtype is 32, not a string")),
      header(
        "negative dimension", #"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]},\#(b)}"#,
        malformedA("its shape holds -1, not a whole number from 0 to \(Int.max)")),
      header(
        "boolean dimension", #"{"a":{"dtype":"F32","shape":[true],"data_offsets":[0,4]},\#(b)}"#,
        malformedA("its shape holds true, not a whole number from 0 to \(Int.max)")),
      header(
        "shape not an array", #"{"a":{"dtype":"F32","shape":"1","data_offsets":[0,4]},\#(b)}"#,
        malformedA(#"its shape is the string "1", not an array"#)),
      header(
        "offset beyond 64-bit Int",
        #"{"a":{"dtype":"F32","shape":[],"data_offsets":[0,18446744073709551615]},\#(b)}"#,
        malformedA(bigNumber)),
      header(
        "three offsets", #"{"a":{"dtype":"F32","shape":[],"data_offsets":[0,4,8]},\#(b)}"#,
        malformedA("its data_offsets hold 3 numbers, not [begin, end]")),
      header(
        "offsets backwards", #"{"a":{"dtype":"F32","shape":[],"data_offsets":[4,0]},\#(b)}"#,
        malformedA("its data_offsets [4, 0] end before they begin")),
      header(
        "shape overflows",
        #"{"a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,4]},\#(b)}"#,
        malformedA("its shape [4611686018427387904, 4] holds more elements than fit in memory")),
      header("entry not an object", #"{"a":5,\#(b)}"#, malformedA("its entry is 5, not an object")),
      header(
        "metadata value not a string", #"{"__metadata__":{"version":1},\#(a),\#(b)}"#,
        .metadataMalformed(reason: #"the value of "version" is 1, not a string"#)),
      header(
        "metadata not an object", #"{"__metadata__":[],\#(a),\#(b)}"#,
        .metadataMalformed(reason: "it is an array, not an object")),
      Corruption(
        name: "NaN weight",
        bytes: file("{\(a),\(b)}", data: [0, 0, 0xC0, 0x7F] + floats.dropFirst(4)),
        problem: .notFinite(tensor: "a", value: .nan, element: 0)),
      Corruption(
        name: "+Inf weight",
        bytes: file("{\(a),\(b)}", data: floats.prefix(8) + [0, 0, 0x80, 0x7F]),
        problem: .notFinite(tensor: "b", value: .positiveInfinity, element: 1)),
      Corruption(
        name: "-Inf weight",
        bytes: file("{\(a),\(b)}", data: floats.prefix(4) + [0, 0, 0x80, 0xFF] + floats.suffix(4)),
        problem: .notFinite(tensor: "b", value: .negativeInfinity, element: 0)),
    ]
  }
}
