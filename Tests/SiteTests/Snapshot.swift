import Foundation
import Testing

/// Golden-file comparison for HTML, compared inside `<main>` only: the expected text lives
/// in `Tests/SiteTests/Snapshots/NAME`; with `UNROLLED_RECORD_SNAPSHOTS=1` the file is
/// rewritten and the test fails with "recorded new baseline"; a mismatch prints a line diff.
enum Snapshot {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

  /// The part of a page between `<main …>` and `</main>`.
  static func main(of page: String) -> String {
    guard let start = page.range(of: "<main"), let end = page.range(of: "</main>", options: .backwards) else { return page }
    return String(page[start.lowerBound..<end.upperBound])
  }

  static func assertMatches(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = directory.appendingPathComponent(name)
    // Break after every tag so that a diff points at the element that changed.
    let text = actual.replacingOccurrences(of: "><", with: ">\n<") + "\n"
    if ProcessInfo.processInfo.environment["UNROLLED_RECORD_SNAPSHOTS"] == "1" {
      try Data(text.utf8).write(to: url)
      Issue.record(
        "recorded new baseline \(name); run the tests again without UNROLLED_RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record("no baseline \(name): run with UNROLLED_RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
      return
    }
    guard expected != text else { return }
    Issue.record(
      "\(name) differs from its baseline:\n\(lineDiff(expected: expected, actual: text))", sourceLocation: sourceLocation)
  }

  /// The first differing lines, `-` expected and `+` actual, with line numbers.
  static func lineDiff(expected: String, actual: String, limit: Int = 20) -> String {
    let old = expected.components(separatedBy: "\n"), new = actual.components(separatedBy: "\n")
    var lines: [String] = []
    for index in 0..<max(old.count, new.count) where old[safe: index] != new[safe: index] {
      if let line = old[safe: index] { lines.append("-\(index + 1): \(line)") }
      if let line = new[safe: index] { lines.append("+\(index + 1): \(line)") }
      if lines.count >= limit { lines.append("…"); break }
    }
    return lines.joined(separator: "\n")
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
