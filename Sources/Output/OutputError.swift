/// Why a command's output was not written. Every case is one line for a user that names the
/// path and says what to do instead; nothing was deleted or replaced when it is thrown.
public enum OutputError: Error, Equatable, CustomStringConvertible {
  /// The path is empty.
  case emptyPath
  /// A file was asked for where a folder is (or a folder where a file is).
  case wrongKind(path: String, found: String, wanted: String)
  /// The file exists and has no write permission, so it is not replaced.
  case readOnly(path: String)
  /// A symbolic link whose target does not exist.
  case brokenLink(path: String, target: String)
  /// The folder is one a site must never replace: `/`, the home folder, the current folder
  /// or one that contains it, the lessons or theme folder or one that contains them.
  case protectedFolder(path: String, reason: String)
  /// The folder holds a file that `unrolled site` did not write.
  case notWrittenByUnrolled(folder: String, file: String)
  /// A system call failed; `step` says what was being done, `reason` is the system's message.
  case system(path: String, step: String, reason: String)

  /// What went wrong without the path: "cannot create a temporary file beside it: Permission
  /// denied", for a caller whose own message names the file.
  public var reason: String {
    if case .system(_, let step, let reason) = self { return "\(step): \(reason)" }
    return description
  }

  /// One line for a user.
  public var description: String {
    switch self {
    case .emptyPath:
      return "the output path is empty; name a file or folder, for example site"
    case .wrongKind(let path, let found, let wanted):
      return "\(path) is \(found), not \(wanted); name \(wanted == "a folder" ? "a new or empty folder" : "a file") instead"
    case .readOnly(let path):
      return "\(path) is read-only, so it is left as it is; make it writable or name another file"
    case .brokenLink(let path, let target):
      return "\(path) is a symbolic link to \(target), which does not exist; name the target itself or another path"
    case .protectedFolder(let path, let reason):
      return "\(path) is \(reason); a site replaces its whole folder, so name a new or empty folder such as site"
    case .notWrittenByUnrolled(let folder, let file):
      return
        "\(folder) holds \(file), which unrolled site did not write; a rebuild would delete it, so move it out or name a new or empty folder"
    case .system(let path, let step, let reason):
      return "cannot write \(path): \(step): \(reason)"
    }
  }
}
