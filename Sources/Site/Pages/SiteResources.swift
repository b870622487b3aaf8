import Foundation

/// The templates, stylesheet and script of the site, read from the module's bundle, with
/// any file of the same name in a theme directory taking their place.
///
/// ```
/// try SiteResources(theme: URL(fileURLWithPath: "mytheme")).template(named: "layout")
/// // mytheme/layout.mustache when it exists, else the built-in layout
/// ```
public struct SiteResources: Sendable {
  /// `site.css`.
  public var stylesheet: String
  /// `stepper.js`.
  public var script: String
  /// `present.css`: present mode, focus panels and the walkthrough's print layout.
  public var presentStylesheet: String
  /// `present.js`: present mode (slides, keys, notes, predict and reveal) and `?focus=`.
  public var presentScript: String
  /// Every template's text by name (without `.mustache`).
  public var templates: [String: String]

  /// Built-in resources, overridden file by file from `theme` (a directory holding any of
  /// `site.css`, `stepper.js`, `present.css`, `present.js`, `templates/NAME.mustache` or
  /// `NAME.mustache`).
  public init(theme: URL? = nil) throws {
    guard let base = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
      throw SiteBuildError.missingResource("Resources")
    }
    func read(_ relative: String, themeCandidates: [String]) throws -> String {
      if let theme {
        for candidate in themeCandidates {
          let url = theme.appendingPathComponent(candidate)
          if FileManager.default.fileExists(atPath: url.path) { return try String(contentsOf: url, encoding: .utf8) }
        }
      }
      let url = base.appendingPathComponent(relative)
      guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw SiteBuildError.missingResource(relative) }
      return text
    }
    stylesheet = try read("site.css", themeCandidates: ["site.css"])
    script = try read("stepper.js", themeCandidates: ["stepper.js"])
    presentStylesheet = try read("present.css", themeCandidates: ["present.css"])
    presentScript = try read("present.js", themeCandidates: ["present.js"])
    var templates: [String: String] = [:]
    for name in ["layout", "deck"] + Page.Template.allCases.map(\.rawValue) {
      templates[name] = try read(
        "templates/\(name).mustache", themeCandidates: ["templates/\(name).mustache", "\(name).mustache"])
    }
    self.templates = templates
  }
}
