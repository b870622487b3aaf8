// The rule every file a command writes follows: it never deletes or replaces what it was
// not asked to write. A file appears whole or not at all (written beside its place, flushed,
// then renamed over it), and what an earlier, killed run left beside it is removed first.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes one file, or several as one unit, to paths a user named.
///
/// What is at the path decides what happens:
/// - nothing: the file is created;
/// - a file with write permission: it is replaced atomically, keeping its permissions;
/// - a read-only file: refused, the file is left as it is;
/// - a symbolic link: followed, and its target is written (a broken link is refused);
/// - a terminal, `/dev/null` or a named pipe: written into as a stream (`--out /dev/stdout`);
/// - a folder, a disk device or a socket: refused.
///
/// ```
/// try OutputFile.write(Array("{}".utf8), to: "trace.json")
/// // trace.json, complete; .trace.json.writing-PID existed only while it was written
/// ```
public enum OutputFile {
  /// Writes `bytes` to `path`, whole or not at all.
  public static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
    try write([(path: path, bytes: bytes)])
  }

  /// Refuses, before any work is done, every path that `write` would refuse (a folder, a
  /// read-only file, a broken link), so a long computation does not end in that refusal.
  public static func check(_ paths: [String]) throws(OutputError) {
    for path in paths { _ = try Plan(path: path) }
  }

  /// Writes several files as one unit: every file is written and flushed beside its place
  /// before the first one is moved in, so a failure of any leaves all of them as they were.
  public static func write(_ files: [(path: String, bytes: [UInt8])]) throws(OutputError) {
    var plans: [Plan] = []
    do throws(OutputError) {
      for file in files {
        let plan = try Plan(path: file.path)
        if let temporary = plan.temporary {
          try FileSystem.writeNewFile(
            temporary, bytes: file.bytes, permissions: plan.permissions, reportedPath: file.path,
            what: "a temporary file beside it")
        }
        plans.append(plan)
      }
    } catch {
      for plan in plans { if let temporary = plan.temporary { unlink(temporary) } }
      throw error
    }
    for (plan, file) in zip(plans, files) {
      if let temporary = plan.temporary {
        try FileSystem.rename(temporary, to: plan.target)
        FileSystem.syncFolder(FileSystem.split(plan.target).folder)
      } else {
        try FileSystem.writeIntoStream(plan.target, bytes: file.bytes)
      }
    }
  }

  /// Where one file goes and how: through a temporary file beside it, or as a stream.
  private struct Plan {
    /// The path finally written (a symbolic link's target).
    var target: String
    /// The temporary file beside `target`; nil for a device or a pipe.
    var temporary: String?
    /// The new file's permissions: the replaced file's, or 0644.
    var permissions: mode_t = 0o644

    init(path: String) throws(OutputError) {
      guard !path.isEmpty else { throw OutputError.emptyPath }
      target = path
      var kind = try FileKind.at(path)
      if kind == .symbolicLink {
        // /dev/stdout names a pipe or a terminal through /proc, which has no path to resolve.
        let reached = try FileKind.at(path, followingLinks: true)
        if reached == .pipe || reached == .characterDevice { return }
        guard let resolved = FileSystem.resolved(path) else {
          throw OutputError.brokenLink(path: path, target: FileSystem.linkTarget(path))
        }
        target = resolved
        kind = try FileKind.at(resolved)
      }
      switch kind {
      case .missing:
        break
      case .regularFile(let permissions):
        guard permissions & 0o222 != 0 else { throw OutputError.readOnly(path: path) }
        self.permissions = permissions
      case .characterDevice, .pipe:
        return
      case .folder, .blockDevice, .socket, .symbolicLink:
        throw OutputError.wrongKind(path: path, found: kind.phrase, wanted: "a file")
      }
      let (folder, name) = FileSystem.split(target)
      for leftover in FileSystem.leftovers(in: folder, name: name, roles: ["writing"]) { unlink(leftover.path) }
      let temporary = "\(folder)/.\(name).writing-\(FileSystem.processIdentifier)"
      unlink(temporary)
      self.temporary = temporary
    }
  }
}
