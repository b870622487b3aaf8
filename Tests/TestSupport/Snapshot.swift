import Foundation
import Testing

/// Golden-file comparison, argument-parser style: the expected text lives in a test target's
/// `Snapshots/` folder in the source tree (re-recording must write there, not into the
/// built bundle); with `UNROLLED_RECORD_SNAPSHOTS=1` the file is rewritten and the test
/// fails with "recorded new baseline", so a re-record is never mistaken for a pass; a
/// mismatch records the first differing lines.
///
/// ```
/// let goldens = Snapshot(directory: Snapshot.folder(besides: #filePath))
/// try goldens.expect(Snapshot.main(of: html), named: "copy-trace-main.html", breakingTags: true)
/// ```
public struct Snapshot: Sendable {
  /// The folder that holds the golden files.
  public var directory: URL

  /// Golden files in `directory`.
  public init(directory: URL) {
    self.directory = directory
  }

  /// The `Snapshots` folder of the test target whose source file is `filePath` (a file at
  /// the target's top or in its `Support/` folder).
  public static func folder(besides filePath: String) -> URL {
    var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    if folder.lastPathComponent == "Support" { folder.deleteLastPathComponent() }
    return folder.appendingPathComponent("Snapshots")
  }

  /// The part of a page between `<main …>` and `</main>` (mdBook's `check_main_file`).
  public static func main(of page: String) -> String {
    guard let start = page.range(of: "<main"), let end = page.range(of: "</main>", options: .backwards) else { return page }
    return String(page[start.lowerBound..<end.upperBound])
  }

  /// Compares `actual` with the golden file `name`; with `breakingTags` the text is compared
  /// (and recorded) with a line break after every tag and one at the end, so that a diff
  /// points at the element that changed.
  public func expect(
    _ actual: String, named name: String, breakingTags: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let url = directory.appendingPathComponent(name)
    let text = breakingTags ? actual.replacingOccurrences(of: "><", with: ">\n<") + "\n" : actual
    if ProcessInfo.processInfo.environment["UNROLLED_RECORD_SNAPSHOTS"] == "1" {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
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
      "\(name) differs from its baseline:\n\(Self.lineDiff(expected: expected, actual: text))", sourceLocation: sourceLocation)
  }

  /// The first differing lines, `-` expected and `+` actual, with line numbers.
  public static func lineDiff(expected: String, actual: String, limit: Int = 20) -> String {
    let old = expected.components(separatedBy: "\n"), new = actual.components(separatedBy: "\n")
    var lines: [String] = []
    for index in 0..<max(old.count, new.count) {
      let before = index < old.count ? old[index] : nil, after = index < new.count ? new[index] : nil
      guard before != after else { continue }
      if let before { lines.append("-\(index + 1): \(before)") }
      if let after { lines.append("+\(index + 1): \(after)") }
      if lines.count >= limit {
        lines.append("…")
        break
      }
    }
    return lines.joined(separator: "\n")
  }
}

extension Array {
  /// The element at `index`, or nil past either end.
  public subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
