import Figures
import Markup
import Output

/// Why a page or a site could not be built.
public enum SiteBuildError: Error, Equatable, CustomStringConvertible {
  /// A built-in resource is missing from the bundle.
  case missingResource(String)
  /// A template did not parse.
  case badTemplate(name: String, message: String)
  /// A page path leaves the site or is not a relative `.html` path.
  case badPagePath(String)
  /// Two pages have the same path.
  case duplicatePagePath(String)
  /// The site's folder could not be written, or must not be replaced.
  case output(OutputError)
  /// The `--theme` folder is not there or cannot be read; `reason` says why.
  case themeUnreadable(path: String, reason: String)
  /// The theme holds templates, stylesheets or scripts the site does not use (a misspelt
  /// name would otherwise be ignored without a word); `allowed` lists what it may hold.
  case themeFilesUnknown(path: String, files: [String], allowed: [String])

  /// One line for a user, naming what to fix.
  public var description: String {
    switch self {
    case .missingResource(let name): return "the site resource \(name) is missing from the build"
    case .badTemplate(let name, let message): return "template \(name).mustache does not parse: \(message)"
    case .badPagePath(let path): return "page path \(path) must be relative, stay inside the site and end in .html"
    case .duplicatePagePath(let path): return "two pages want the path \(path)"
    case .output(let error): return error.description
    case .themeUnreadable(let path, let reason): return "cannot read the theme folder \(path): \(reason)"
    case .themeFilesUnknown(let path, let files, let allowed):
      return
        "the theme folder \(path) holds \(files.joined(separator: ", ")), which the site does not use; a theme may hold \(allowed.joined(separator: ", "))"
    }
  }
}
