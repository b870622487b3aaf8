// Whole-file reads through POSIX calls, so that a lesson or a checkpoint that cannot be read
// is reported with the system's reason in words ("permission denied"), not as "not UTF-8".

import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file of a lesson set, and says in words why one could not be read.
enum FileReading {
  /// Why a file could not be read.
  struct Failure: Error, Equatable {
    /// The `errno` value, or nil when the path is not a regular file.
    var code: Int32?
    /// Lower-case words for a message: "permission denied", "no such file".
    var reason: String
  }

  /// Every byte of the regular file at `path`.
  static func bytes(atPath path: String) -> Result<[UInt8], Failure> {
    // Without O_NONBLOCK, opening a FIFO waits for a writer: the check below could not run.
    let descriptor = open(path, O_RDONLY | O_NONBLOCK)
    guard descriptor >= 0 else { return .failure(failure(errno: errno)) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { return .failure(failure(errno: errno)) }
    guard (status.st_mode & S_IFMT) == S_IFREG else {
      return .failure(Failure(code: nil, reason: "not a regular file"))
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        return .failure(failure(errno: errno))
      }
      if count == 0 { break }
      bytes += chunk[0..<count]
    }
    return .success(bytes)
  }

  /// The names in the folder at `path`, or why it cannot be listed.
  static func names(inFolder path: String) -> Result<[String], Failure> {
    guard let folder = opendir(path) else { return .failure(failure(errno: errno)) }
    defer { closedir(folder) }
    var names: [String] = []
    while let entry = readdir(folder) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return .success(names)
  }

  /// The words for an `errno` value in a message about a file: the common ones as a teacher
  /// would say them, any other as the system's own text.
  ///
  /// ```swift
  /// FileReading.failure(errno: EACCES).reason   // "permission denied"
  /// ```
  static func failure(errno code: Int32) -> Failure {
    switch code {
    case EACCES, EPERM: return Failure(code: code, reason: "permission denied")
    case ENOENT: return Failure(code: code, reason: "no such file or folder")
    case ENOTDIR: return Failure(code: code, reason: "not a folder")
    case EISDIR: return Failure(code: code, reason: "it is a folder, not a file")
    default: return Failure(code: code, reason: String(cString: strerror(code)).lowercased())
    }
  }
}
