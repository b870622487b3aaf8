import Figures
import Markup

/// Paths inside a site: checked, and made relative so that pages open from `file://`.
///
/// ```
/// SitePath.relative(from: "models/addition.html", to: "index.html")  // "../index.html"
/// ```
public enum SitePath {
  /// Whether `path` is a relative `.html` path that stays inside the site.
  public static func isValidPagePath(_ path: String) -> Bool {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    return path.hasSuffix(".html") && !path.hasPrefix("/") && !parts.contains { $0.isEmpty || $0 == "." || $0 == ".." }
      && !path.contains("\\") && !path.hasPrefix("assets/")
  }

  /// `../` once per folder of `path`.
  public static func prefix(toRootFrom path: String) -> String {
    String(repeating: "../", count: max(0, path.split(separator: "/").count - 1))
  }

  /// The link from the page at `from` to the page at `to`.
  public static func relative(from: String, to: String) -> String {
    var fromDirs = from.split(separator: "/").dropLast().map(String.init)
    var toParts = to.split(separator: "/").map(String.init)
    while let first = fromDirs.first, toParts.count > 1, toParts.first == first {
      fromDirs.removeFirst()
      toParts.removeFirst()
    }
    return String(repeating: "../", count: fromDirs.count) + toParts.joined(separator: "/")
  }
}
