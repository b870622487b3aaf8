import ArgumentParser
import Foundation
import Output

/// Writes a command's result to standard output or to the file `--out` names, by the rules
/// of `Output.OutputFile`: whole or not at all, never over a folder, a read-only file or a
/// device it should not replace.
enum CommandOutput {
  /// Refuses an empty `--out` before any work is done, suggesting `example`.
  static func validate(_ path: String?, example: String) throws {
    if path?.isEmpty == true { throw ValidationError("--out needs a file name, for example --out \(example)") }
  }

  /// Writes `data` to `path`, or to standard output when there is no path.
  static func write(_ data: Data, to path: String?) throws {
    guard let path else {
      FileHandle.standardOutput.write(data)
      return
    }
    try writeTogether([(data: data, path: path)])
  }

  /// Refuses, before a long computation, the files `writeTogether` would refuse.
  static func check(_ paths: [String]) throws {
    do {
      try OutputFile.check(paths)
    } catch {
      throw ValidationError(error.description)
    }
  }

  /// Writes several files as one unit (a checkpoint and its history): none is replaced
  /// unless all of them could be written.
  static func writeTogether(_ files: [(data: Data, path: String)]) throws {
    do {
      try OutputFile.write(files.map { (path: $0.path, bytes: [UInt8]($0.data)) })
    } catch {
      throw ValidationError(error.description)
    }
  }
}
