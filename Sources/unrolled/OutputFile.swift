import ArgumentParser
import Foundation

/// Writes a command's result to standard output or, atomically, to a file: the file
/// appears only when it is complete, and a failure leaves any earlier file as it was.
enum OutputFile {
  static func write(_ data: Data, to path: String?) throws {
    guard let path else {
      FileHandle.standardOutput.write(data)
      return
    }
    do {
      try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw ValidationError("cannot write \(path): \((error as NSError).localizedDescription)")
    }
  }
}
