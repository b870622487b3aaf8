// The few POSIX calls the output rules need, so that every error carries the system's own
// reason ("Permission denied") and nothing follows a symbolic link unless it is asked to.

import CFileExchange
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What is at a path, without following a symbolic link there.
enum FileKind: Equatable {
  case missing
  case regularFile(permissions: mode_t)
  case folder
  case symbolicLink
  case characterDevice
  case blockDevice
  case pipe
  case socket

  /// What is at `path` (`lstat`, or `stat` when `followingLinks`); a failure other than
  /// "not there" is thrown.
  static func at(_ path: String, followingLinks: Bool = false) throws(OutputError) -> FileKind {
    var status = stat()
    guard (followingLinks ? stat(path, &status) : lstat(path, &status)) == 0 else {
      let code = errno
      if code == ENOENT || code == ENOTDIR { return .missing }
      throw OutputError.system(path: path, step: "cannot look at it", reason: FileSystem.reason(code))
    }
    switch status.st_mode & S_IFMT {
    case S_IFREG: return .regularFile(permissions: status.st_mode & 0o7777)
    case S_IFDIR: return .folder
    case S_IFLNK: return .symbolicLink
    case S_IFCHR: return .characterDevice
    case S_IFBLK: return .blockDevice
    case S_IFIFO: return .pipe
    default: return .socket
    }
  }

  /// The kind in words, for a message: "a file", "a folder", "a device", ...
  var phrase: String {
    switch self {
    case .missing: return "missing"
    case .regularFile: return "a file"
    case .folder: return "a folder"
    case .symbolicLink: return "a symbolic link"
    case .characterDevice: return "a device"
    case .blockDevice: return "a disk device"
    case .pipe: return "a named pipe"
    case .socket: return "a socket"
    }
  }
}

/// Small wrappers over POSIX file calls.
enum FileSystem {
  /// The system's message for an `errno` value.
  static func reason(_ code: Int32) -> String {
    String(cString: strerror(code))
  }

  /// The path with every symbolic link resolved, or nil when it (or a link in it) does not exist.
  static func resolved(_ path: String) -> String? {
    guard let pointer = realpath(path, nil) else { return nil }
    defer { free(pointer) }
    return String(cString: pointer)
  }

  /// Where the symbolic link at `path` points, as written in the link.
  static func linkTarget(_ path: String) -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count >= 0 else { return "?" }
    return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// `path` made absolute against the current folder, with `.` and `..` folded away.
  static func absolute(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
  }

  /// The folder that holds `path` and the last component of `path`.
  static func split(_ path: String) -> (folder: String, name: String) {
    let url = URL(fileURLWithPath: path)
    return (url.deletingLastPathComponent().path, url.lastPathComponent)
  }

  /// Creates `path` (exclusively) and writes every byte, flushed to disk before it returns.
  /// Errors name `reportedPath` (the file the user named) and call the file `what`.
  static func writeNewFile(
    _ path: String, bytes: [UInt8], permissions: mode_t = 0o644, reportedPath: String? = nil, what: String = "it"
  ) throws(OutputError) {
    func failure(_ step: String, _ code: Int32) -> OutputError {
      .system(path: reportedPath ?? path, step: "cannot \(step) \(what)", reason: reason(code))
    }
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
    guard descriptor >= 0 else { throw failure("create", errno) }
    var problem: OutputError?
    do throws(OutputError) {
      try writeAll(bytes, to: descriptor, path: reportedPath ?? path)
      // The mode given to open is masked by the umask; an existing file's permissions are kept.
      if fchmod(descriptor, permissions) != 0 { throw failure("set the permissions of", errno) }
      if fsync(descriptor) != 0 { throw failure("flush to disk", errno) }
    } catch {
      problem = error
    }
    if close(descriptor) != 0, problem == nil { problem = failure("close", errno) }
    if let problem {
      unlink(path)
      throw problem
    }
  }

  /// Writes every byte into an existing device or named pipe, as a stream.
  static func writeIntoStream(_ path: String, bytes: [UInt8]) throws(OutputError) {
    let descriptor = open(path, O_WRONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw OutputError.system(path: path, step: "cannot open it for writing", reason: reason(errno))
    }
    defer { close(descriptor) }
    try writeAll(bytes, to: descriptor, path: path)
  }

  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(OutputError) {
    var failure: Int32?
    bytes.withUnsafeBytes { raw in
      var written = 0
      while written < raw.count, let start = raw.baseAddress {
        let count = write(descriptor, start + written, raw.count - written)
        if count < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        written += count
      }
    }
    if let failure { throw OutputError.system(path: path, step: "cannot write it", reason: reason(failure)) }
  }

  /// Flushes a folder's entries (a rename inside it) to disk. Some file systems refuse to
  /// sync a folder; that is not an error worth failing a build for.
  static func syncFolder(_ path: String) {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    _ = fsync(descriptor)
    close(descriptor)
  }

  /// Renames `from` to `to`, replacing a file at `to`.
  static func rename(_ from: String, to: String) throws(OutputError) {
    guard Foundation.rename(from, to) == 0 else {
      throw OutputError.system(path: to, step: "cannot move \(split(from).name) into place", reason: reason(errno))
    }
  }

  /// Swaps the entries at `first` and `second` in one step; false where the system or the
  /// file system cannot (then nothing was changed).
  static func exchange(_ first: String, _ second: String) throws(OutputError) -> Bool {
    if unrolled_exchange_paths(first, second) == 0 { return true }
    let code = errno
    if code == ENOSYS || code == EINVAL || code == ENOTSUP { return false }
    throw OutputError.system(path: second, step: "cannot swap the new folder in", reason: reason(code))
  }

  /// Makes a folder (and none above it).
  static func makeFolder(_ path: String) throws(OutputError) {
    guard mkdir(path, 0o755) == 0 else {
      throw OutputError.system(path: path, step: "cannot create the folder", reason: reason(errno))
    }
  }

  /// Makes a folder and every missing folder above it.
  static func makeFolders(_ path: String) throws(OutputError) {
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw OutputError.system(path: path, step: "cannot create the folder", reason: (error as NSError).localizedDescription)
    }
  }

  /// Removes a folder and everything in it, never following a symbolic link out of it.
  static func removeTree(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// The names in a folder (hidden ones too), sorted; empty when it cannot be read.
  static func names(in folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
  }

  /// Every file and link below `folder`, as paths relative to it, sorted; folders are
  /// descended into, symbolic links are not.
  static func filesBelow(_ folder: String) throws(OutputError) -> [String] {
    var found: [String] = []
    var pending = [""]
    while let relative = pending.popLast() {
      let here = relative.isEmpty ? folder : folder + "/" + relative
      for name in names(in: here) {
        let path = relative.isEmpty ? name : relative + "/" + name
        if try FileKind.at(folder + "/" + path) == .folder {
          pending.append(path)
        } else {
          found.append(path)
        }
      }
    }
    return found.sorted()
  }

  /// Whether a process with this identifier is running (or may be: one we may not signal).
  static func processIsRunning(_ identifier: Int32) -> Bool {
    identifier > 0 && (kill(identifier, 0) == 0 || errno == EPERM)
  }

  /// The text of a small file, or nil when it cannot be read.
  static func contents(of path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  /// The user's home folder, from `HOME`.
  static var homeFolder: String? {
    ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// This process's identifier.
  static var processIdentifier: Int32 { getpid() }

  /// The leftovers of earlier runs in `folder`: entries named `.NAME.ROLE-PID` whose process
  /// has ended, by role, sorted by name.
  static func leftovers(in folder: String, name: String, roles: [String]) -> [(path: String, role: String)] {
    names(in: folder).compactMap { entry in
      for role in roles {
        let prefix = ".\(name).\(role)-"
        guard entry.hasPrefix(prefix), let identifier = Int32(entry.dropFirst(prefix.count)) else { continue }
        guard !processIsRunning(identifier) || identifier == getpid() else { return nil }
        return (folder + "/" + entry, role)
      }
      return nil
    }
  }
}
