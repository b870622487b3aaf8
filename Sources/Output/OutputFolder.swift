// A folder a command writes whole (the tutorial site): built beside its place, flushed, and
// swapped in with one rename, so a failed or killed build leaves the previous folder as it
// was. It replaces only a folder that is empty or that it wrote itself, as its stamp file
// `.unrolled-site` (the list of every file it wrote) shows, and never `/`, the home folder, the
// current folder, the lessons folder or a folder containing one of them.

/// The folder a site is written to, and the rules for replacing it.
///
/// ```
/// let folder = OutputFolder(path: "site", protecting: [.init(path: "lessons", role: "the lessons folder")])
/// try folder.replace(with: [(path: "index.html", bytes: Array("<!doctype html>".utf8))])
/// // site/index.html and site/.unrolled-site; an earlier site/ is gone only once the new one is in place
/// ```
public struct OutputFolder: Sendable {
  /// A folder the output must neither be nor contain, and what it is to the user.
  public struct Protected: Sendable, Equatable {
    /// Its path, absolute or relative to the current folder.
    public var path: String
    /// What it is, for a message: "the lessons folder".
    public var role: String

    /// A protected folder.
    public init(path: String, role: String) {
      self.path = path
      self.role = role
    }
  }

  /// The name of the stamp file: the list of every file the folder's writer wrote.
  public static let stampName = ".unrolled-site"

  /// The folder, as the user named it.
  public var path: String
  /// Folders it must neither be nor contain, besides `/`, the home and the current folder.
  public var protected: [Protected]

  /// The folder at `path`, refusing to be or contain any of `protecting`.
  public init(path: String, protecting: [Protected] = []) {
    self.path = path
    self.protected = protecting
  }

  /// Writes `files` (paths relative to the folder) into a new folder beside it and swaps it
  /// in; returns the folder's absolute path with links resolved.
  ///
  /// Before anything is written, a folder that an earlier killed build left half-swapped is
  /// put back, and other leftovers of killed builds are removed.
  @discardableResult
  public func replace(with files: [(path: String, bytes: [UInt8])]) throws(OutputError) -> String {
    let target = try destination()
    let (parent, name) = FileSystem.split(target)
    try recoverLeftovers(in: parent, name: name, target: target)
    if try FileKind.at(target) == .folder, let stranger = try Self.fileNotWritten(in: target) {
      throw OutputError.notWrittenByUnrolled(folder: path, file: stranger)
    }

    let staging = "\(parent)/.\(name).building-\(FileSystem.processIdentifier)"
    FileSystem.removeTree(staging)
    do throws(OutputError) {
      try FileSystem.makeFolder(staging)
      let stamp = Self.stamp(listing: files.map(\.path))
      try FileSystem.writeNewFile("\(staging)/\(Self.stampName)", bytes: Array(stamp.utf8))
      var folders: Set<String> = [staging]
      for file in files {
        let place = "\(staging)/\(file.path)"
        let folder = FileSystem.split(place).folder
        if folders.insert(folder).inserted { try FileSystem.makeFolders(folder) }
        try FileSystem.writeNewFile(place, bytes: file.bytes)
      }
      for folder in folders.sorted() { FileSystem.syncFolder(folder) }
      try swapIn(staging, over: target, parent: parent, name: name)
    } catch {
      FileSystem.removeTree(staging)
      throw error
    }
    FileSystem.syncFolder(parent)
    return target
  }

  /// The stamp's text: a line saying what it is, then every file written, one per line.
  static func stamp(listing paths: [String]) -> String {
    "# written by unrolled site: a rebuild replaces this folder only while it holds just these files\n"
      + paths.sorted().map { $0 + "\n" }.joined()
  }
}

extension OutputFolder {
  /// The absolute, link-resolved folder to write, after every refusal that needs no writing.
  fileprivate func destination() throws(OutputError) -> String {
    guard !path.isEmpty else { throw OutputError.emptyPath }
    var target = FileSystem.absolute(path)
    var kind = try FileKind.at(target)
    if kind == .symbolicLink {
      guard let resolved = FileSystem.resolved(target) else {
        throw OutputError.brokenLink(path: path, target: FileSystem.linkTarget(target))
      }
      target = resolved
      kind = try FileKind.at(resolved)
    }
    guard kind == .missing || kind == .folder else {
      throw OutputError.wrongKind(path: path, found: kind.phrase, wanted: "a folder")
    }
    try refuseProtected(target)
    var (parent, name) = FileSystem.split(target)
    if kind == .missing { try FileSystem.makeFolders(parent) }
    parent = FileSystem.resolved(parent) ?? parent
    target = parent == "/" ? "/\(name)" : "\(parent)/\(name)"
    try refuseProtected(target)
    return target
  }

  /// Refuses `/`, the home folder, the current folder and the protected folders, and any
  /// folder that contains one of them.
  fileprivate func refuseProtected(_ target: String) throws(OutputError) {
    if target == "/" { throw OutputError.protectedFolder(path: path, reason: "the root folder") }
    var guarded: [Protected] = protected
    if let home = FileSystem.homeFolder { guarded.append(Protected(path: home, role: "your home folder")) }
    guarded.append(Protected(path: FileSystem.absolute("."), role: "the current folder"))
    for folder in guarded {
      let resolved = FileSystem.resolved(folder.path) ?? FileSystem.absolute(folder.path)
      if target == resolved { throw OutputError.protectedFolder(path: path, reason: folder.role) }
      if resolved.hasPrefix(target + "/") {
        throw OutputError.protectedFolder(path: path, reason: "a folder that contains \(folder.role)")
      }
    }
  }

  /// Puts back a folder that a build killed between its two renames left aside, and removes
  /// what other killed builds left; a leftover that holds a file it did not write is kept.
  fileprivate func recoverLeftovers(in parent: String, name: String, target: String) throws(OutputError) {
    for leftover in FileSystem.leftovers(in: parent, name: name, roles: ["previous", "building"]) {
      guard try Self.fileNotWritten(in: leftover.path) == nil else { continue }
      if leftover.role == "previous", try FileKind.at(target) == .missing {
        try FileSystem.rename(leftover.path, to: target)
      } else {
        FileSystem.removeTree(leftover.path)
      }
    }
  }

  /// Moves `staging` into place, swapping it with the old folder in one step where the
  /// system can, and removes the old folder once the new one is in.
  fileprivate func swapIn(_ staging: String, over target: String, parent: String, name: String) throws(OutputError) {
    guard try FileKind.at(target) == .folder else {
      try FileSystem.rename(staging, to: target)
      return
    }
    if try FileSystem.exchange(staging, target) {
      FileSystem.removeTree(staging)  // it now holds the old folder
      return
    }
    // No atomic swap here: the old folder moves aside, the new one moves in. A build killed
    // between the two is repaired by the next one (recoverLeftovers).
    let previous = "\(parent)/.\(name).previous-\(FileSystem.processIdentifier)"
    try FileSystem.rename(target, to: previous)
    do throws(OutputError) {
      try FileSystem.rename(staging, to: target)
    } catch {
      _ = try? FileSystem.rename(previous, to: target)
      throw error
    }
    FileSystem.removeTree(previous)
  }

  /// The first file in `folder` that its stamp does not list (or, in a folder an earlier
  /// unrolled wrote without a stamp, that is not a page, stylesheet or script); nil when
  /// every file is one the site's writer wrote, or the folder is empty.
  static func fileNotWritten(in folder: String) throws(OutputError) -> String? {
    let present = try FileSystem.filesBelow(folder)
    guard !present.isEmpty else { return nil }
    if let stamp = FileSystem.contents(of: "\(folder)/\(stampName)"),
      stamp.hasPrefix("# written by unrolled site")
    {
      let listed = Set(stamp.split(separator: "\n").dropFirst().map(String.init))
      return present.first { $0 != stampName && !listed.contains($0) }
    }
    // A site from before the stamp: its index names unrolled as its generator.
    let index = FileSystem.contents(of: "\(folder)/index.html") ?? ""
    guard index.contains("<meta name=\"generator\" content=\"unrolled\">") else {
      return present.first { $0 != stampName } ?? present[0]
    }
    return present.first { file in !(file.hasSuffix(".html") || file.hasSuffix(".css") || file.hasSuffix(".js")) }
  }
}
