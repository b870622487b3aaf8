import Foundation
import Output
import Testing

@Suite("OutputFolder: a site folder replaced only when it is empty or the site's own")
struct OutputFolderTests {
  private let site: [(path: String, bytes: [UInt8])] = [
    (path: "index.html", bytes: Array("<p>home</p>".utf8)), (path: "assets/site.css", bytes: Array("p{}".utf8)),
  ]

  @Test("a new folder gets every file and a stamp that lists them")
  func writesNewFolder() throws {
    let scratch = try Scratch()
    let written = try OutputFolder(path: scratch("site")).replace(with: site)
    #expect(written == FileManager.default.resolvingSymlinks(scratch("site")))
    #expect(try scratch.names("site") == [".unrolled-site", "assets", "index.html"])
    #expect(try scratch.read("site/.unrolled-site").hasSuffix("\nassets/site.css\nindex.html\n"))
    #expect(try scratch.names() == ["site"], "no staging folder is left")
  }

  @Test("a rebuild replaces its own earlier site completely")
  func replacesOwnSite() throws {
    let scratch = try Scratch()
    try OutputFolder(path: scratch("site")).replace(with: [(path: "old.html", bytes: [1])])
    try OutputFolder(path: scratch("site")).replace(with: site)
    #expect(try scratch.names("site") == [".unrolled-site", "assets", "index.html"])
    #expect(try scratch.names() == ["site"])
  }

  @Test("an empty folder is used")
  func usesEmptyFolder() throws {
    let scratch = try Scratch()
    try FileManager.default.createDirectory(atPath: scratch("site"), withIntermediateDirectories: false)
    try OutputFolder(path: scratch("site")).replace(with: site)
    #expect(try scratch.read("site/index.html") == "<p>home</p>")
  }

  @Test("a file where the folder should be is refused and kept")
  func refusesFile() throws {
    let scratch = try Scratch()
    try scratch.put("my notes", at: "notes.txt")
    let error = try #require(throws: OutputError.self) { try OutputFolder(path: scratch("notes.txt")).replace(with: site) }
    #expect(error == .wrongKind(path: scratch("notes.txt"), found: "a file", wanted: "a folder"))
    #expect(error.description.hasSuffix("is a file, not a folder; name a new or empty folder instead"))
    #expect(try scratch.read("notes.txt") == "my notes")
  }

  @Test("a folder of someone else's files is refused and kept")
  func refusesForeignFolder() throws {
    let scratch = try Scratch()
    try scratch.put("thesis", at: "Documents/thesis.tex")
    #expect(throws: OutputError.notWrittenByUnrolled(folder: scratch("Documents"), file: "thesis.tex")) {
      try OutputFolder(path: scratch("Documents")).replace(with: site)
    }
    #expect(try scratch.read("Documents/thesis.tex") == "thesis")
  }

  @Test("a file added to an earlier site is named, and the site is not replaced")
  func refusesAddedFile() throws {
    let scratch = try Scratch()
    try OutputFolder(path: scratch("site")).replace(with: site)
    try scratch.put("remember this", at: "site/assets/notes.txt")
    #expect(throws: OutputError.notWrittenByUnrolled(folder: scratch("site"), file: "assets/notes.txt")) {
      try OutputFolder(path: scratch("site")).replace(with: site)
    }
    #expect(try scratch.read("site/assets/notes.txt") == "remember this")
  }

  @Test("a site written before stamps existed is recognised by its generator and replaced")
  func replacesUnstampedSite() throws {
    let scratch = try Scratch()
    try scratch.put("<meta name=\"generator\" content=\"unrolled\">", at: "site/index.html")
    try scratch.put("x", at: "site/assets/stepper.js")
    try OutputFolder(path: scratch("site")).replace(with: site)
    #expect(try scratch.names("site") == [".unrolled-site", "assets", "index.html"])
  }

  @Test(
    "the root, the current folder and folders that contain it are refused",
    arguments: ["/", ".", "", ".."])
  func refusesProtected(path: String) throws {
    #expect(throws: OutputError.self) { try OutputFolder(path: path).replace(with: [(path: "index.html", bytes: [1])]) }
  }

  @Test("the home folder is refused")
  func refusesHome() throws {
    let home = try #require(ProcessInfo.processInfo.environment["HOME"])
    #expect(throws: OutputError.protectedFolder(path: home, reason: "your home folder")) {
      try OutputFolder(path: home).replace(with: site)
    }
  }

  @Test("the lessons folder, and a folder that contains it, are refused")
  func refusesLessons() throws {
    let scratch = try Scratch()
    try scratch.put("# One", at: "course/lessons/01.md")
    let lessons = OutputFolder.Protected(path: scratch("course/lessons"), role: "the lessons folder")
    #expect(throws: OutputError.protectedFolder(path: scratch("course/lessons"), reason: "the lessons folder")) {
      try OutputFolder(path: scratch("course/lessons"), protecting: [lessons]).replace(with: site)
    }
    #expect(
      throws: OutputError.protectedFolder(path: scratch("course"), reason: "a folder that contains the lessons folder")
    ) {
      try OutputFolder(path: scratch("course"), protecting: [lessons]).replace(with: site)
    }
    #expect(try scratch.read("course/lessons/01.md") == "# One")
  }

  @Test("a symbolic link to a folder is followed: the link stays, the folder it names is replaced")
  func followsLinks() throws {
    let scratch = try Scratch()
    try OutputFolder(path: scratch("www/site")).replace(with: [(path: "old.html", bytes: [1])])
    try FileManager.default.createSymbolicLink(atPath: scratch("site"), withDestinationPath: "www/site")
    try OutputFolder(path: scratch("site")).replace(with: site)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: scratch("site")) == "www/site")
    #expect(try scratch.names("www/site") == [".unrolled-site", "assets", "index.html"])
  }

  @Test("a site that a killed build left aside is put back, and leftovers are removed")
  func recoversLeftovers() throws {
    let scratch = try Scratch()
    // A build killed between its two renames: the old site aside, no site in place.
    try OutputFolder(path: scratch("aside")).replace(with: site)
    try FileManager.default.moveItem(atPath: scratch("aside"), toPath: scratch(".site.previous-\(endedProcess)"))
    // A build killed while writing.
    try scratch.put("half", at: ".site.building-\(endedProcess)/index.html")
    try scratch.put(OutputFolderStamp.text(["index.html"]), at: ".site.building-\(endedProcess)/.unrolled-site")
    // This build fails (a file where a folder must go), after the recovery.
    #expect(throws: OutputError.self) {
      try OutputFolder(path: scratch("site")).replace(with: [(path: "a", bytes: [1]), (path: "a/b", bytes: [2])])
    }
    #expect(try scratch.names() == ["site"], "the old site is back in place; the half-written one is gone")
    #expect(try scratch.read("site/index.html") == "<p>home</p>")
  }

  @Test("a leftover holding a file the site did not write is kept")
  func keepsForeignLeftovers() throws {
    let scratch = try Scratch()
    try scratch.put("mine", at: ".site.building-\(endedProcess)/thesis.tex")
    try OutputFolder(path: scratch("site")).replace(with: site)
    #expect(try scratch.names() == [".site.building-\(endedProcess)", "site"])
  }
}

/// The stamp's text as `OutputFolder` writes it, for setting up a leftover by hand.
enum OutputFolderStamp {
  static func text(_ paths: [String]) -> String {
    "# written by unrolled site: a rebuild replaces this folder only while it holds just these files\n"
      + paths.map { $0 + "\n" }.joined()
  }
}

extension FileManager {
  /// `path` with its links resolved.
  func resolvingSymlinks(_ path: String) -> String {
    URL(fileURLWithPath: path).resolvingSymlinksInPath().path
  }
}
