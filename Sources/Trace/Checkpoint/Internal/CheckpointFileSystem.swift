// Whole-file reads and atomic replacement through POSIX calls, so that errors carry the
// system's own reason ("Permission denied", "No such file or directory").

import Foundation
import Output

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file into memory and replaces a file atomically.
enum CheckpointFileSystem {
  /// Every byte of the file at `path`.
  static func readBytes(atPath path: String) throws(CheckpointError) -> [UInt8] {
    // Without O_NONBLOCK, opening a FIFO waits for a writer: the check below could not run.
    let descriptor = open(path, O_RDONLY | O_NONBLOCK)
    guard descriptor >= 0 else {
      let code = errno
      if code == ENOENT { throw CheckpointError(.fileMissing) }
      throw CheckpointError(.unreadable(reason: systemReason(code)))
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw CheckpointError(.unreadable(reason: systemReason(errno)))
    }
    guard (status.st_mode & S_IFMT) == S_IFREG else {
      throw CheckpointError(.unreadable(reason: "not a regular file"))
    }
    let size = Int(status.st_size)
    var failure: Int32?
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initializedCount in
      var filled = 0
      while filled < size, let start = buffer.baseAddress {
        let count = read(descriptor, start + filled, size - filled)
        if count < 0 {
          if errno == EINTR { continue }
          failure = errno
          break
        }
        if count == 0 { break }  // the file shrank while we read it
        filled += count
      }
      initializedCount = filled
    }
    if let failure { throw CheckpointError(.unreadable(reason: systemReason(failure))) }
    return bytes
  }

  /// Writes `bytes` to a temporary file beside `path`, flushes it, and renames it over
  /// `path`, by the rules every output follows (`OutputFile`).
  static func replaceAtomically(path: String, with bytes: [UInt8]) throws(CheckpointError) {
    do {
      try OutputFile.write(bytes, to: path)
    } catch {
      throw CheckpointError(.cannotWrite(reason: error.reason))
    }
  }

  /// The system's message for an `errno` value.
  private static func systemReason(_ code: Int32) -> String {
    String(cString: strerror(code))
  }
}
