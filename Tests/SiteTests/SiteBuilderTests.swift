import Foundation
import Markup
import Site
import Testing

@testable import Figures

@Suite("SiteBuilder")
struct SiteBuilderTests {
  private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("unrolled-site-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  private func contents(of directory: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
    while let url = enumerator?.nextObject() as? URL {
      guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
      files[String(url.path.dropFirst(directory.path.count))] = try Data(contentsOf: url)
    }
    return files
  }

  @Test("two builds of the same pages are byte-identical")
  func deterministic() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let builder = SiteBuilder(renderer: try PageRenderer())
    try builder.build(try SiteFixtures.sitePages(), into: root.appendingPathComponent("a"))
    try builder.build(try SiteFixtures.sitePages(), into: root.appendingPathComponent("b"))
    let a = try contents(of: root.appendingPathComponent("a")), b = try contents(of: root.appendingPathComponent("b"))
    #expect(a.keys.sorted() == b.keys.sorted())
    #expect(a == b, "same pages, same bytes")
    #expect(
      a.keys.sorted() == [
        "/.unrolled-site", "/assets/present.css", "/assets/present.js", "/assets/site.css", "/assets/stepper.js", "/index.html",
        "/lessons/copy.html", "/models/addition.html",
        "/models/bicopy-decoder.html", "/models/bicopy.html", "/models/words.html",
      ])
    for (path, data) in a {
      let text = String(decoding: data, as: UTF8.self)
      #expect(!text.contains(root.path), "\(path) holds no absolute path")
    }
  }

  @Test("a failed build leaves the previous site exactly as it was")
  func atomic() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let site = root.appendingPathComponent("site")
    let builder = SiteBuilder(renderer: try PageRenderer())
    try builder.build([Page.trace(try SiteFixtures.copyTrace(), path: "trace.html")], into: site)
    let before = try contents(of: site)
    let bad = Page(path: "../escape.html", title: "bad", sections: [])
    #expect(throws: SiteBuildError.badPagePath("../escape.html")) {
      try builder.build([Page.trace(try SiteFixtures.additionTrace(), path: "other.html"), bad], into: site)
    }
    #expect(try contents(of: site) == before, "the old site is untouched")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path)
    #expect(leftovers == ["site"], "no staging directory is left behind")
  }

  @Test("a successful rebuild replaces the old site completely")
  func replaces() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let site = root.appendingPathComponent("site")
    let builder = SiteBuilder(renderer: try PageRenderer())
    try builder.build([Page.trace(try SiteFixtures.copyTrace(), path: "old.html")], into: site)
    try builder.build([Page.trace(try SiteFixtures.copyTrace(), path: "new.html")], into: site)
    let files = try contents(of: site).keys.sorted()
    #expect(files.contains("/new.html") && !files.contains("/old.html"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
  }

  @Test("a theme directory overrides a template by file name")
  func themeOverride() throws {
    let theme = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: theme) }
    try Data("<article class=\"themed\"><h1>{{title}}</h1>{{#sections}}{{{html}}}{{/sections}}</article>".utf8)
      .write(to: theme.appendingPathComponent("trace.mustache"))
    let html = try PageRenderer(theme: theme).standalone(Page.trace(try SiteFixtures.copyTrace()))
    #expect(html.contains("<article class=\"themed\">"))
    #expect(html.contains("<main id=\"content\""), "the layout is still the built-in one")
  }

  @Test("a theme folder that is not there is refused with its path")
  func missingTheme() throws {
    let parent = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: parent) }
    let missing = parent.appendingPathComponent("nosuch")
    let error = try #require(throws: SiteBuildError.self) { try PageRenderer(theme: missing) }
    #expect(error == .themeUnreadable(path: missing.relativePath, reason: "no such folder"))
    #expect(error.description == "cannot read the theme folder \(missing.relativePath): no such folder")
  }

  @Test("a theme template the site does not use is refused, naming every one; other files are left alone")
  func unknownThemeFiles() throws {
    let theme = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: theme) }
    try FileManager.default.createDirectory(
      at: theme.appendingPathComponent("templates"), withIntermediateDirectories: true)
    for name in ["layot.mustache", "templates/lesson.mustache", "templates/extra.css", "README.md", "site.css"] {
      try Data("x".utf8).write(to: theme.appendingPathComponent(name))
    }
    let error = try #require(throws: SiteBuildError.self) { try PageRenderer(theme: theme) }
    guard case .themeFilesUnknown(_, let files, let allowed) = error else {
      Issue.record("not refused as unknown files: \(error)")
      return
    }
    #expect(files == ["layot.mustache", "templates/extra.css"])
    #expect(allowed.contains("layout.mustache") && allowed.contains("site.css"))
    #expect(!error.description.contains("\n"), "one line")
  }

  @Test("links between pages are relative, so the site opens from file://")
  func relativeLinks() {
    #expect(SitePath.relative(from: "models/addition.html", to: "index.html") == "../index.html")
    #expect(SitePath.relative(from: "models/a.html", to: "models/b.html") == "b.html")
    #expect(SitePath.relative(from: "index.html", to: "lessons/x.html") == "lessons/x.html")
  }
}
