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

  /// One line for a user, naming what to fix.
  public var description: String {
    switch self {
    case .missingResource(let name): return "the site resource \(name) is missing from the build"
    case .badTemplate(let name, let message): return "template \(name).mustache does not parse: \(message)"
    case .badPagePath(let path): return "page path \(path) must be relative, stay inside the site and end in .html"
    case .duplicatePagePath(let path): return "two pages want the path \(path)"
    case .output(let error): return error.description
    }
  }
}
