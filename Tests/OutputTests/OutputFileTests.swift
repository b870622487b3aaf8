import Foundation
import Output
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A fresh folder under the system's temporary folder, removed when released.
final class Scratch {
  let path: String

  init() throws {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("unrolled-output-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// `name` inside the folder.
  func callAsFunction(_ name: String) -> String { "\(path)/\(name)" }

  /// Writes `text` to `name` (a test's own setup, not the code under test).
  func put(_ text: String, at name: String) throws {
    let url = URL(fileURLWithPath: self(name))
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  func read(_ name: String) throws -> String { try String(contentsOfFile: self(name), encoding: .utf8) }

  /// The names in the folder, hidden ones too, sorted.
  func names(_ name: String = "") throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: name.isEmpty ? path : self(name)).sorted()
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A process identifier that no running process has.
let endedProcess: Int32 = 2_147_480_000

@Suite("OutputFile: a file whole or not at all, never over what it must not replace")
struct OutputFileTests {
  @Test("a new file is written whole and nothing is left beside it")
  func writesNewFile() throws {
    let scratch = try Scratch()
    try OutputFile.write(Array("hello".utf8), to: scratch("trace.json"))
    #expect(try scratch.read("trace.json") == "hello")
    #expect(try scratch.names() == ["trace.json"], "no temporary file is left")
  }

  @Test("a writable file is replaced and keeps its permissions")
  func replacesKeepingPermissions() throws {
    let scratch = try Scratch()
    try scratch.put("old", at: "trace.txt")
    chmod(scratch("trace.txt"), 0o600)
    try OutputFile.write(Array("new".utf8), to: scratch("trace.txt"))
    #expect(try scratch.read("trace.txt") == "new")
    let attributes = try FileManager.default.attributesOfItem(atPath: scratch("trace.txt"))
    #expect((attributes[.posixPermissions] as? Int) == 0o600, "the user's permissions survive a rewrite")
  }

  @Test("a read-only file is refused and left as it was, even for root")
  func refusesReadOnly() throws {
    let scratch = try Scratch()
    try scratch.put("keep me", at: "notes.txt")
    chmod(scratch("notes.txt"), 0o444)
    #expect(throws: OutputError.readOnly(path: scratch("notes.txt"))) {
      try OutputFile.write(Array("trace".utf8), to: scratch("notes.txt"))
    }
    #expect(try scratch.read("notes.txt") == "keep me")
  }

  @Test("a symbolic link is followed: the link stays, its target is written")
  func followsLinks() throws {
    let scratch = try Scratch()
    try scratch.put("old", at: "real/trace.html")
    try FileManager.default.createSymbolicLink(atPath: scratch("link.html"), withDestinationPath: "real/trace.html")
    try OutputFile.write(Array("new".utf8), to: scratch("link.html"))
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: scratch("link.html")) == "real/trace.html")
    #expect(try scratch.read("real/trace.html") == "new")
  }

  @Test("a broken symbolic link is refused with its target named")
  func refusesBrokenLinks() throws {
    let scratch = try Scratch()
    try FileManager.default.createSymbolicLink(atPath: scratch("link"), withDestinationPath: "nowhere/x")
    #expect(throws: OutputError.brokenLink(path: scratch("link"), target: "nowhere/x")) {
      try OutputFile.write([1], to: scratch("link"))
    }
  }

  @Test("a folder is refused with a message that says to name a file")
  func refusesFolders() throws {
    let scratch = try Scratch()
    try scratch.put("x", at: "out/kept.txt")
    let error = try #require(throws: OutputError.self) { try OutputFile.write([1], to: scratch("out")) }
    #expect(error.description == "\(scratch("out")) is a folder, not a file; name a file instead")
    #expect(try scratch.read("out/kept.txt") == "x")
  }

  @Test("an empty path is refused")
  func refusesEmptyPath() {
    #expect(throws: OutputError.emptyPath) { try OutputFile.write([1], to: "") }
  }

  @Test("a device is written into as a stream, never replaced by a file")
  func writesIntoDevices() throws {
    try OutputFile.write(Array("discarded".utf8), to: "/dev/null")
    var status = stat()
    #expect(lstat("/dev/null", &status) == 0)
    #expect(status.st_mode & S_IFMT == S_IFCHR, "/dev/null is still a device")
  }

  @Test("files written together: when one cannot be written, none is replaced")
  func togetherOrNotAtAll() throws {
    let scratch = try Scratch()
    try scratch.put("old checkpoint", at: "model.safetensors")
    try scratch.put("x", at: "model.history.json/inside")  // a folder where the history goes
    #expect(throws: OutputError.self) {
      try OutputFile.write([
        (path: scratch("model.safetensors"), bytes: Array("new checkpoint".utf8)),
        (path: scratch("model.history.json"), bytes: Array("{}".utf8)),
      ])
    }
    #expect(try scratch.read("model.safetensors") == "old checkpoint")
    #expect(try scratch.names() == ["model.history.json", "model.safetensors"], "no temporary file is left")
  }

  @Test("what a killed run left beside the file is removed; a running one's is not")
  func removesLeftovers() throws {
    let scratch = try Scratch()
    try scratch.put("half", at: ".trace.json.writing-\(endedProcess)")
    try scratch.put("busy", at: ".trace.json.writing-1")  // process 1 always runs
    try OutputFile.write(Array("whole".utf8), to: scratch("trace.json"))
    #expect(try scratch.names() == [".trace.json.writing-1", "trace.json"])
  }
}
