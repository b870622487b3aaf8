import Foundation
import Testing

/// Compares text with a golden file under `Tests/LessonsTests/Snapshots/`.
///
/// With `UNROLLED_RECORD_SNAPSHOTS=1` the file is (re)written and the test fails with
/// "recorded new baseline", so a re-record is never mistaken for a pass. A mismatch records
/// the differing lines. The golden files live in the source tree (found from `#filePath`)
/// because re-recording must write them there, not into the built test bundle.
func expectSnapshot(
  _ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  // This file is Tests/LessonsTests/Support/Snapshot.swift.
  let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Snapshots")
  let url = snapshots.appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["UNROLLED_RECORD_SNAPSHOTS"] == "1" {
    try FileManager.default.createDirectory(at: snapshots, withIntermediateDirectories: true)
    try actual.write(to: url, atomically: true, encoding: .utf8)
    Issue.record("recorded new baseline: \(name)", sourceLocation: sourceLocation)
    return
  }
  let expected = try #require(
    try? String(contentsOf: url, encoding: .utf8),
    "no baseline \(name); run with UNROLLED_RECORD_SNAPSHOTS=1 to record it",
    sourceLocation: sourceLocation)
  guard expected != actual else { return }
  let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
  var diff: [String] = []
  for index in 0..<max(expectedLines.count, actualLines.count) {
    let old = index < expectedLines.count ? String(expectedLines[index]) : nil
    let new = index < actualLines.count ? String(actualLines[index]) : nil
    if old != new {
      if let old { diff.append("-\(index + 1): \(old)") }
      if let new { diff.append("+\(index + 1): \(new)") }
    }
  }
  Issue.record(
    "\(name) differs from its baseline:\n\(diff.joined(separator: "\n"))",
    sourceLocation: sourceLocation)
}
