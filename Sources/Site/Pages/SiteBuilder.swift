import Foundation

/// Writes a whole site: every page, an index when none is given, and `assets/` with the
/// stylesheet and script. The site is written into a fresh temporary directory beside the
/// destination and then moved into place with `rename`, so a failed build leaves the
/// previous site untouched; output is byte-identical for the same pages.
///
/// ```
/// try SiteBuilder(renderer: PageRenderer()).build([Page.trace(trace, path: "trace.html")], into: siteURL)
/// // site/index.html, site/trace.html, site/assets/site.css, site/assets/stepper.js
/// ```
public struct SiteBuilder: Sendable {
  /// The renderer used for every page.
  public var renderer: PageRenderer
  /// The site's title, used by the generated index.
  public var title: String

  /// A builder rendering with `renderer`.
  public init(renderer: PageRenderer, title: String = "unrolled") {
    self.renderer = renderer
    self.title = title
  }

  /// Every file of the site, path → bytes, in path order; nothing is written.
  public func files(for pages: [Page]) throws -> [(path: String, contents: String)] {
    var pages = pages
    var seen: Set<String> = []
    for page in pages {
      guard SitePath.isValidPagePath(page.path) else { throw SiteBuildError.badPagePath(page.path) }
      guard seen.insert(page.path).inserted else { throw SiteBuildError.duplicatePagePath(page.path) }
    }
    if !seen.contains("index.html") { pages.insert(index(for: pages), at: 0) }
    let navigation = pages.filter(\.inNavigation).map { PageRenderer.NavigationLink(title: $0.title, path: $0.path) }
    var files = pages.map { (path: $0.path, contents: renderer.render($0, navigation: navigation, home: "index.html")) }
    files.append((path: "assets/site.css", contents: renderer.resources.stylesheet))
    files.append((path: "assets/stepper.js", contents: renderer.resources.script))
    files.append((path: "assets/present.css", contents: renderer.resources.presentStylesheet))
    files.append((path: "assets/present.js", contents: renderer.resources.presentScript))
    return files.sorted { $0.path < $1.path }
  }

  /// Builds the site into `destination`, replacing what was there only once the new site
  /// is completely written.
  public func build(_ pages: [Page], into destination: URL) throws {
    let files = try self.files(for: pages)
    let fileManager = FileManager.default
    let parent = destination.deletingLastPathComponent()
    let name = destination.lastPathComponent
    do {
      try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
    } catch {
      throw SiteBuildError.fileSystem("cannot create \(parent.path): \(error.localizedDescription)")
    }
    let staging = parent.appendingPathComponent(".\(name).building-\(ProcessInfo.processInfo.processIdentifier)")
    let previous = parent.appendingPathComponent(".\(name).previous-\(ProcessInfo.processInfo.processIdentifier)")
    try? fileManager.removeItem(at: staging)
    do {
      for file in files {
        let url = staging.appendingPathComponent(file.path)
        try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(file.contents.utf8).write(to: url)
      }
    } catch {
      try? fileManager.removeItem(at: staging)
      throw SiteBuildError.fileSystem("cannot write the site: \(error.localizedDescription)")
    }
    // Swap: the old site moves aside, the new one moves in, the old one goes. A directory
    // cannot be renamed over a non-empty one, hence two renames; the old site is whole
    // until the new one is in place.
    let hadPrevious = fileManager.fileExists(atPath: destination.path)
    if hadPrevious {
      try? fileManager.removeItem(at: previous)
      guard rename(destination.path, previous.path) == 0 else {
        try? fileManager.removeItem(at: staging)
        throw SiteBuildError.fileSystem("cannot move the previous site aside: \(String(cString: strerror(errno)))")
      }
    }
    guard rename(staging.path, destination.path) == 0 else {
      let reason = String(cString: strerror(errno))
      if hadPrevious { _ = rename(previous.path, destination.path) }
      try? fileManager.removeItem(at: staging)
      throw SiteBuildError.fileSystem("cannot move the new site into place: \(reason)")
    }
    if hadPrevious { try? fileManager.removeItem(at: previous) }
  }

  private func index(for pages: [Page]) -> Page {
    var list = "<ul class=\"page-list\">"
    for page in pages {
      list += "<li><a href=\"\(HTML.escape(page.path))\">\(HTML.escape(page.title))</a>"
      if let lede = page.lede { list += "<br><span class=\"page-lede\">\(HTML.escape(lede))</span>" }
      list += "</li>"
    }
    list += "</ul>"
    return Page(
      path: "index.html", title: title, lede: "Pages of this site.", template: .index,
      sections: [PageSection(id: "pages", heading: "Pages", html: list)], showsContents: false, inNavigation: false)
  }
}
