@_exported import TestSupport
import Testing

/// This target's golden files, `Tests/SiteTests/Snapshots/`, compared with a line break
/// after every tag (``TestSupport/Snapshot/expect(_:named:breakingTags:sourceLocation:)``).
let goldens = Snapshot(directory: Snapshot.folder(besides: #filePath))

extension Snapshot {
  /// Compares HTML or text with this target's golden file `name`, broken at its tags.
  static func assertMatches(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try goldens.expect(actual, named: name, breakingTags: true, sourceLocation: sourceLocation)
  }
}
