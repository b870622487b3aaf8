import Figures
import Foundation
import Markup

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
  /// `live.js`: the input field of model pages, which runs the page's WebAssembly module.
  public var liveScript: String

  /// Built-in resources, overridden file by file from `theme` (a directory holding any of
  /// `site.css`, `stepper.js`, `present.css`, `present.js`, `templates/NAME.mustache` or
  /// `NAME.mustache`).
  public init(theme: URL? = nil) throws {
    guard let base = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
      throw SiteBuildError.missingResource("Resources")
    }
    let templateNames = ["layout", "deck"] + Page.Template.allCases.map(\.rawValue)
    if let theme { try Self.checkTheme(theme, templateNames: templateNames) }
    func read(_ relative: String, themeCandidates: [String]) throws -> String {
      if let theme {
        for candidate in themeCandidates {
          let url = theme.appendingPathComponent(candidate)
          guard FileManager.default.fileExists(atPath: url.path) else { continue }
          guard let data = FileManager.default.contents(atPath: url.path) else {
            let readable = FileManager.default.isReadableFile(atPath: url.path)
            throw SiteBuildError.themeUnreadable(
              path: theme.relativePath, reason: "\(candidate): \(readable ? "cannot be read" : "permission denied")")
          }
          guard let text = String(data: data, encoding: .utf8) else {
            throw SiteBuildError.themeUnreadable(
              path: theme.relativePath, reason: "\(candidate) is not UTF-8 text; save it as UTF-8")
          }
          return text
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
    liveScript = try read("live.js", themeCandidates: [])
    var templates: [String: String] = [:]
    for name in templateNames {
      templates[name] = try read(
        "templates/\(name).mustache", themeCandidates: ["templates/\(name).mustache", "\(name).mustache"])
    }
    self.templates = templates
  }

  /// The files a theme may hold, in the order messages list them.
  static let themeFiles = ["site.css", "stepper.js", "present.css", "present.js"]

  /// Refuses a theme folder that is not there, and one holding a template, stylesheet or
  /// script the site would not use (`layot.mustache`): every such file is named at once.
  /// Other files (a README, images) are left alone.
  private static func checkTheme(_ theme: URL, templateNames: [String]) throws(SiteBuildError) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: theme.path, isDirectory: &isFolder) else {
      throw .themeUnreadable(path: theme.relativePath, reason: "no such folder")
    }
    guard isFolder.boolValue else { throw .themeUnreadable(path: theme.relativePath, reason: "it is a file, not a folder") }
    let templates = Set(templateNames.map { "\($0).mustache" })
    func unknown(in folder: String) throws(SiteBuildError) -> [String] {
      let url = folder.isEmpty ? theme : theme.appendingPathComponent(folder)
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: url.path)
      } catch {
        let reason = FileManager.default.isReadableFile(atPath: url.path) ? "cannot be listed" : "permission denied"
        throw .themeUnreadable(path: theme.relativePath, reason: folder.isEmpty ? reason : "\(folder): \(reason)")
      }
      let prefix = folder.isEmpty ? "" : folder + "/"
      return names.sorted().filter { name in
        let used = name.hasSuffix(".mustache") ? templates.contains(name) : (folder.isEmpty && themeFiles.contains(name))
        let isResource = name.hasSuffix(".mustache") || name.hasSuffix(".css") || name.hasSuffix(".js")
        return isResource && !used
      }.map { prefix + $0 }
    }
    var isTemplatesFolder: ObjCBool = false
    let hasTemplatesFolder =
      FileManager.default.fileExists(
        atPath: theme.appendingPathComponent("templates").path, isDirectory: &isTemplatesFolder)
      && isTemplatesFolder.boolValue
    let found = try unknown(in: "") + (hasTemplatesFolder ? try unknown(in: "templates") : [])
    guard found.isEmpty else {
      throw .themeFilesUnknown(
        path: theme.relativePath, files: found, allowed: themeFiles + templateNames.sorted().map { "\($0).mustache" })
    }
  }
}
