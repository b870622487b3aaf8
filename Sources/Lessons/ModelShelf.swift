import Foundation
import Trace

/// The models a lesson set may name, each loaded once with its training history: the
/// built-in models by name, and checkpoint files by path relative to the lessons directory.
///
/// ```
/// let shelf = ModelShelf(lessonsDirectory: url)
/// shelf.model(named: "addition")?.encoderStepCount(of: "2+10")   // 5
/// ```
public final class ModelShelf: LessonModelCatalog, @unchecked Sendable {
  /// A loaded model and what is known of its training.
  public struct Entry: Sendable {
    /// The name lessons use for it.
    public var name: String
    /// The model.
    public var model: Seq2SeqModel
    /// Its training history, when one is stored beside the checkpoint.
    public var history: TrainingHistory?
    /// The checkpoint's bytes' FNV-1a 64-bit hash, for provenance.
    public var checkpointHash: String
    /// Where the training history was looked for, named as the lessons name the checkpoint
    /// (`models/reverse.history.json`), so a missing one can be named.
    public var historyPath: String
  }

  private let lessonsDirectory: URL?
  private let lock = NSLock()
  private var loaded: [String: Result<Entry, CheckpointError>] = [:]

  /// A shelf of the built-in models, and of checkpoints relative to `lessonsDirectory`.
  public init(lessonsDirectory: URL? = nil) {
    self.lessonsDirectory = lessonsDirectory
  }

  /// The built-in models that have been trained, by name.
  public var modelNames: [String] {
    BuiltInModel.allCases.filter { $0.checkpointURL != nil }.map(\.rawValue)
  }

  /// The facts a lesson checks against, or `nil` when no such model can be loaded.
  public func model(named name: String) -> LessonModelInfo? {
    guard case .success(let entry) = load(name) else { return nil }
    return LessonModelInfo(name: name, configuration: entry.model.configuration)
  }

  /// Why the checkpoint `name` cannot be loaded; nil for a name that is not a checkpoint
  /// path (then it is an unknown model) or one that loads.
  public func problem(loading name: String) -> String? {
    guard BuiltInModel(rawValue: name) != nil || name.hasSuffix(".safetensors"),
      case .failure(let error) = load(name)
    else { return nil }
    return error.description
  }

  /// The loaded model called `name`, or why it could not be loaded.
  public func load(_ name: String) -> Result<Entry, CheckpointError> {
    lock.lock()
    defer { lock.unlock() }
    if let known = loaded[name] { return known }
    let result = Self.read(name, lessonsDirectory: lessonsDirectory)
    loaded[name] = result
    return result
  }

  private static func read(_ name: String, lessonsDirectory: URL?) -> Result<Entry, CheckpointError> {
    let checkpointURL: URL
    let historyURL: URL?
    if let builtIn = BuiltInModel(rawValue: name) {
      guard let url = builtIn.checkpointURL else {
        return .failure(CheckpointError(.fileMissing, file: "\(name).safetensors (run make models)"))
      }
      checkpointURL = url
      historyURL = builtIn.historyURL
    } else if name.hasSuffix(".safetensors") {
      checkpointURL =
        name.hasPrefix("/") || lessonsDirectory == nil
        ? URL(fileURLWithPath: name) : lessonsDirectory!.appendingPathComponent(name)
      historyURL = checkpointURL.deletingPathExtension().appendingPathExtension("history.json")
    } else {
      return .failure(CheckpointError(.fileMissing, file: name))
    }
    // Read once: the same bytes give the model and the provenance hash. A checkpoint of the
    // lessons is named as the lesson names it (relative to the lessons folder).
    let fileName = BuiltInModel(rawValue: name) == nil ? name : checkpointURL.lastPathComponent
    let data: Data
    switch FileReading.bytes(atPath: checkpointURL.path) {
    case .success(let bytes): data = Data(bytes)
    case .failure(let failure) where failure.code == ENOENT:
      return .failure(CheckpointError(.fileMissing, file: fileName))
    case .failure(let failure):
      return .failure(CheckpointError(.unreadable(reason: failure.reason), file: fileName))
    }
    let model: Seq2SeqModel
    do {
      model = try Seq2SeqModel(checkpoint: try SafeTensorsFile(bytes: [UInt8](data)))
    } catch {
      return .failure(error.inFile(fileName))
    }
    // A history is optional, but one that is there and cannot be read is an error, not "none".
    var history: TrainingHistory?
    if let historyURL, Self.isSpecialFile(historyURL) {
      return .failure(
        CheckpointError(
          .unreadableMetadata(key: "history", reason: "\(historyURL.lastPathComponent) is not a regular file"),
          file: fileName))
    }
    if let historyURL, let historyData = FileManager.default.contents(atPath: historyURL.path) {
      do {
        history = try JSONDecoder().decode(TrainingHistory.self, from: historyData)
      } catch {
        return .failure(
          CheckpointError(
            .unreadableMetadata(key: "history", reason: "\(historyURL.lastPathComponent) is not a training history"),
            file: fileName))
      }
    }
    let historyPath =
      BuiltInModel(rawValue: name) == nil
      ? String(name.dropLast(".safetensors".count)) + ".history.json" : "\(name).history.json"
    return .success(
      Entry(name: name, model: model, history: history, checkpointHash: Self.fnv1a(data), historyPath: historyPath))
  }

  /// Whether `url` names something other than a regular file (through any links): reading a
  /// FIFO would wait for a writer, a device might never end.
  static func isSpecialFile(_ url: URL) -> Bool {
    let attributes = try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path)
    guard let type = attributes?[.type] as? FileAttributeType else { return false }
    return type != .typeRegular
  }

  /// FNV-1a, 64-bit: a stable fingerprint of a checkpoint without a crypto dependency.
  static func fnv1a(_ data: Data) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in data {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01b3
    }
    return String(hash, radix: 16).leftPadded(to: 16)
  }
}

private extension String {
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
