import TestSupport
import Testing

/// Compares text with a golden file under `Tests/LessonsTests/Snapshots/`
/// (``TestSupport/Snapshot``), as written.
func expectSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  try Snapshot(directory: Snapshot.folder(besides: #filePath)).expect(actual, named: name, sourceLocation: sourceLocation)
}
