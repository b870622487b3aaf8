// Whole-file reads and atomic replacement through POSIX calls, so that errors carry the
// system's own reason ("Permission denied", "No such file or directory").

import Foundation

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

  /// Writes `bytes` to a temporary file beside `path`, flushes it, and renames it over `path`.
  static func replaceAtomically(path: String, with bytes: [UInt8]) throws(CheckpointError) {
    let url = URL(fileURLWithPath: path)
    let temporaryPath = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
    func fail(_ step: String, _ code: Int32) -> CheckpointError {
      CheckpointError(.cannotWrite(reason: "\(step): \(systemReason(code))"))
    }

    let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard descriptor >= 0 else { throw fail("cannot create a temporary file beside it", errno) }
    var failure: CheckpointError?
    bytes.withUnsafeBytes { raw in
      var written = 0
      while written < raw.count, let start = raw.baseAddress {
        let count = write(descriptor, start + written, raw.count - written)
        if count < 0 {
          if errno == EINTR { continue }
          failure = fail("cannot write the temporary file", errno)
          return
        }
        written += count
      }
    }
    if failure == nil, fsync(descriptor) != 0 {
      failure = fail("cannot flush the temporary file", errno)
    }
    if close(descriptor) != 0, failure == nil {
      failure = fail("cannot close the temporary file", errno)
    }
    if failure == nil, rename(temporaryPath, path) != 0 {
      failure = fail("cannot rename the temporary file over it", errno)
    }
    if let failure {
      unlink(temporaryPath)
      throw failure
    }
  }

  /// The system's message for an `errno` value.
  private static func systemReason(_ code: Int32) -> String {
    String(cString: strerror(code))
  }
}
