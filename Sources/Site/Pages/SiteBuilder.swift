import Figures
import Foundation
import Markup
import Output

/// Writes a whole site: every page, an index when none is given, and `assets/` with the
/// stylesheet and script. The site is written into a fresh temporary directory beside the
/// destination and then swapped into place (`OutputFolder`), so a failed build leaves the
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
  public func files(for pages: [Page], live: LiveAssets? = nil) throws -> [(path: String, contents: String)] {
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
    if let live {
      files.append((path: "assets/live.js", contents: renderer.resources.liveScript))
      files += live.files
    }
    return files.sorted { $0.path < $1.path }
  }

  /// Builds the site into `destination`, replacing what was there only once the new site
  /// is completely written, and only when the folder is empty or was written by a build
  /// (its `.unrolled-site` stamp lists every file in it). Returns the folder written, with
  /// links resolved.
  ///
  /// It refuses `/`, the home folder, the current folder, every folder in `protecting` (the
  /// lessons folder, a theme) and any folder that contains one of them.
  @discardableResult
  public func build(
    _ pages: [Page], into destination: URL, protecting: [OutputFolder.Protected] = [], live: LiveAssets? = nil
  ) throws -> URL {
    let files = try self.files(for: pages, live: live).map { (path: $0.path, bytes: Array($0.contents.utf8)) }
    do {
      let written = try OutputFolder(path: destination.relativePath, protecting: protecting).replace(with: files)
      return URL(fileURLWithPath: written)
    } catch {
      throw SiteBuildError.output(error)
    }
  }

  private func index(for pages: [Page]) -> Page {
    var list: HTML = "<ul class=\"page-list\">"
    for page in pages {
      list += "<li><a href=\"\(page.path)\">\(page.title)</a>"
      if let lede = page.lede { list += "<br><span class=\"page-lede\">\(lede)</span>" }
      list += "</li>"
    }
    list += "</ul>"
    return Page(
      path: "index.html", title: title, lede: "Pages of this site.", template: .index,
      sections: [PageSection(id: "pages", heading: "Pages", html: list)], showsContents: false, inNavigation: false)
  }
}
