import Figures
import Markup
import Mustache
import Trace

import struct Foundation.URL

/// Renders pages through the Mustache templates: the page's own template for the content
/// inside `<main>`, then `layout` around it.
///
/// ```
/// let renderer = try PageRenderer()
/// renderer.standalone(Page.trace(trace))
/// // <!DOCTYPE html><html lang="en">…<style>…</style>…<main id="content" …>…</main>…<script>…
/// ```
/// A renderer never runs a model: it is handed pages made from recorded traces.
public struct PageRenderer: Sendable {
  /// A link in the site's navigation.
  public struct NavigationLink: Sendable {
    /// The link text (plain).
    public var title: String
    /// The target path inside the site.
    public var path: String

    /// A link to `path`.
    public init(title: String, path: String) {
      self.title = title
      self.path = path
    }
  }

  /// The resources used.
  public let resources: SiteResources
  let library: MustacheLibrary

  /// A renderer over `resources` (the built-in ones, or a theme's).
  public init(resources: SiteResources) throws {
    self.resources = resources
    var library = MustacheLibrary()
    for name in resources.templates.keys.sorted() {
      do {
        library.register(try MustacheTemplate(string: resources.templates[name] ?? ""), named: name)
      } catch {
        throw SiteBuildError.badTemplate(name: name, message: Self.parseProblem(error))
      }
    }
    self.library = library
  }

  /// A renderer with the built-in templates, or a theme directory's overrides.
  public init(theme: URL? = nil) throws {
    try self.init(resources: try SiteResources(theme: theme))
  }

  /// A page with its stylesheet, script and SVG inline: one file that opens anywhere.
  public func standalone(_ page: Page) -> String {
    render(page, inlineAssets: true, navigation: [], home: nil)
  }

  /// The standalone page for one trace: what `unrolled trace --format html --out FILE`
  /// writes. CSS, script and SVG are inline; nothing is fetched.
  ///
  /// ```
  /// try PageRenderer().standaloneTracePage(model.trace(input: " 2+10", target: "12"))
  /// // "<!DOCTYPE html><html lang=\"en\">…“␣2+10” through addition…"
  /// ```
  ///
  /// `outsideTraining`, when given, says how the input lies outside what the model was
  /// trained on (``Trace/BuiltInModel/outsideTrainingNotice(for:)``); the page says it first.
  ///
  /// `live`, when given, adds an input field that traces the reader's input in the page and
  /// redraws the article, with the module and the checkpoint inline (the page is then about a
  /// megabyte or more).
  public func standaloneTracePage(
    _ trace: ModelTrace, unit: Int = 0, outsideTraining: String? = nil, live: LiveTracePage? = nil
  ) -> String {
    var page = Page.trace(trace, unit: unit)
    if let live {
      page.liveTrace = live
      page.hasLiveInput = true
    }
    if let outsideTraining {
      page.lede = TracePage.outsideTrainingLede(outsideTraining) + (page.lede ?? "")
    }
    return standalone(page)
  }

  /// A page of a site: assets linked from `assets/`, links relative to the page.
  public func render(_ page: Page, navigation: [NavigationLink], home: String?) -> String {
    render(page, inlineAssets: false, navigation: navigation, home: home)
  }

  /// The HTML inside `<main>` for `page` (what golden tests compare).
  public func mainContent(_ page: Page) -> String {
    let sections: [[String: Any]] = page.sections.map { ["id": $0.id, "heading": $0.heading, "html": $0.html.string] }
    var context: [String: Any] = [
      "title": page.title, "sections": sections, "hasContents": page.showsContents && page.sections.count > 1,
    ]
    if let lede = page.lede { context["lede"] = lede }
    if let body = page.body { context["body"] = body.string }
    if let live = page.liveTrace { context["liveForm"] = live.form.string }
    return library.render(context, withTemplate: page.template.rawValue) ?? ""
  }

  private func render(_ page: Page, inlineAssets: Bool, navigation: [NavigationLink], home: String?) -> String {
    layout(page: page, content: mainContent(page), inlineAssets: inlineAssets, navigation: navigation, home: home)
  }

  /// `content` inside the layout: the shell, navigation, and the assets linked or inline.
  func layout(page: Page, content: String, inlineAssets: Bool, navigation: [NavigationLink], home: String?) -> String {
    let prefix = SitePath.prefix(toRootFrom: page.path)
    let nav: [[String: Any]] = navigation.map {
      ["title": $0.title, "href": SitePath.relative(from: page.path, to: $0.path), "current": $0.path == page.path]
    }
    let context: [String: Any] = [
      "title": page.title, "content": content, "inlineAssets": inlineAssets,
      "css": resources.stylesheet, "js": resources.script, "presentCss": resources.presentStylesheet,
      "presentJs": resources.presentScript, "assetPrefix": prefix + "assets/",
      "svgDefinitions": SVGDefinitions.html.string, "nav": nav, "hasNav": !nav.isEmpty,
      "homeHref": home.map { SitePath.relative(from: page.path, to: $0) } ?? "#content",
      "live": page.hasLiveInput, "liveInline": page.liveTrace?.inlineScripts ?? "",
      "liveJs": page.liveTrace == nil ? "" : resources.liveScript,
    ]
    return library.render(context, withTemplate: "layout") ?? ""
  }
}

extension PageRenderer {
  /// Why a template does not parse, in one line: where, then what, instead of the
  /// `ParserError(context: …)` dump its description is.
  ///
  /// ```
  /// line 3, column 14: a section is closed with another name than it was opened with
  /// ```
  static func parseProblem(_ error: any Error) -> String {
    guard let parserError = error as? MustacheTemplate.ParserError else { return String(describing: error) }
    let context = parserError.context
    let what: String
    switch parserError.error as? MustacheTemplate.Error {
    case .sectionCloseNameIncorrect: what = "a section is closed with another name than it was opened with"
    case .unfinishedName: what = "a tag is never finished; end it with }}"
    case .expectedSectionEnd: what = "a section is never closed; close it with {{/name}}"
    case .invalidSetDelimiter: what = "a set-delimiter tag is badly formed"
    default: what = String(describing: parserError.error)
    }
    return "line \(context.lineNumber), column \(context.columnNumber): \(what)"
  }
}
