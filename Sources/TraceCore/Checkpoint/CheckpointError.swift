/// Why a checkpoint could not be read, written or matched to a model.
///
/// Every error is one line: the file when it is known, then the problem.
///
/// ```
/// models/reverse.safetensors: corrupt checkpoint: tensor "encoder/kernel" holds NaN at element 3
/// ```
///
/// The problem is an enum so that callers and tests can match the exact case; the file
/// sits beside it because any problem can happen in a named file or in bytes with no name.
public struct CheckpointError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The problem, without the file name.
  public var problem: Problem
  /// The file the problem was found in, as the caller named it, or `nil` for bytes in memory.
  public var file: String?

  /// An error for `problem`, found in `file` when that is known.
  public init(_ problem: Problem, file: String? = nil) {
    self.problem = problem
    self.file = file
  }

  /// The same error naming `file`, unless it already names one.
  ///
  /// Model-level checks run on a ``SafeTensorsFile`` that no longer knows where it came
  /// from; the code that loaded it uses this to name the file in the message.
  public func inFile(_ file: String) -> CheckpointError {
    CheckpointError(problem, file: self.file ?? file)
  }

  /// One line: `file: problem`, or just the problem for bytes in memory.
  public var description: String {
    if let file { return "\(file): \(problem)" }
    return problem.description
  }
}

extension CheckpointError {
  /// What is wrong, from the file system up to the model.
  public enum Problem: Equatable, Sendable, CustomStringConvertible {
    // The file itself.
    /// No file exists at the path.
    case fileMissing
    /// The file exists but could not be read (a directory, no permission, an I/O error).
    case unreadable(reason: String)
    /// The checkpoint could not be written; any existing file was left untouched.
    case cannotWrite(reason: String)

    // The container (safetensors).
    /// Fewer than the 8 bytes of the header length that starts every file.
    case tooShortForHeaderLength(byteCount: Int)
    /// The header length is over the 100 MB limit: most likely not a safetensors file.
    case headerLengthAbsurd(headerLength: UInt64)
    /// The header length runs past the end of the file.
    case headerPastEnd(headerLength: UInt64, bytesAfterLength: Int)
    /// The header bytes are not valid UTF-8.
    case headerNotUTF8
    /// The header is not a JSON object; `reason` says what the parser saw.
    case headerNotJSON(reason: String)
    /// `__metadata__` is not an object of strings.
    case metadataMalformed(reason: String)
    /// A tensor entry lacks `dtype`, `shape` or `data_offsets`, or holds a bad number.
    case tensorEntryMalformed(tensor: String, reason: String)
    /// A tensor's dtype is not `F32`, the only one unrolled reads and writes.
    case unsupportedDtype(tensor: String, dtype: String)
    /// A tensor's `data_offsets` span a different number of bytes than its shape needs.
    case offsetsDoNotMatchShape(tensor: String, shape: [Int], byteCount: Int)
    /// Two tensors claim some of the same data bytes.
    case tensorsOverlap(tensor: String, otherTensor: String)
    /// Some data bytes before `tensor` belong to no tensor.
    case gapBeforeTensor(tensor: String, byteCount: Int)
    /// A tensor ends past the end of the file: the file was cut short.
    case tensorPastEnd(tensor: String, end: Int, dataByteCount: Int)
    /// Some data bytes after the last tensor belong to no tensor.
    case trailingBytes(byteCount: Int)
    /// A weight is NaN or infinite.
    case notFinite(tensor: String, value: NonFiniteValue, element: Int)

    // The model.
    /// The model needs a tensor the checkpoint does not have.
    case missingTensor(String)
    /// A tensor's shape is not the one the model needs.
    case shapeMismatch(tensor: String, found: [Int], expected: [Int])
    /// The model needs a metadata key the checkpoint does not have.
    case missingMetadata(key: String)
    /// A metadata value is there but cannot be understood (for example `config` is not JSON).
    case unreadableMetadata(key: String, reason: String)
    /// The `format` metadata is not `unrolled-checkpoint` (`nil`: there is none).
    case wrongFormat(found: String?)
    /// The `version` metadata is not one this build reads.
    case unsupportedVersion(found: String, supported: [Int])

    /// One line saying what is wrong.
    public var description: String {
      switch self {
      case .fileMissing:
        return "checkpoint file not found"
      case .unreadable(let reason):
        return "cannot read the checkpoint: \(reason)"
      case .cannotWrite(let reason):
        return "cannot write the checkpoint: \(reason)"
      case .tooShortForHeaderLength(let byteCount):
        return "file truncated: \(byteCount) bytes is shorter than the 8-byte header length"
      case .headerLengthAbsurd(let headerLength):
        return "header length \(headerLength) bytes is absurd (the limit is 100 MB): "
          + "not a safetensors file?"
      case .headerPastEnd(let headerLength, let bytesAfterLength):
        return "file truncated: the header should be \(headerLength) bytes "
          + "but only \(bytesAfterLength) follow the header length"
      case .headerNotUTF8:
        return "header is not valid UTF-8"
      case .headerNotJSON(let reason):
        return "header is not a JSON object: \(reason)"
      case .metadataMalformed(let reason):
        return "__metadata__ is malformed: \(reason)"
      case .tensorEntryMalformed(let tensor, let reason):
        return "tensor \(tensor.debugDescription) is malformed: \(reason)"
      case .unsupportedDtype(let tensor, let dtype):
        return "tensor \(tensor.debugDescription) has dtype \(dtype.debugDescription); "
          + "only F32 is supported"
      case .offsetsDoNotMatchShape(let tensor, let shape, let byteCount):
        return "tensor \(tensor.debugDescription) has shape \(shape), which needs "
          + "\(NamedTensor.byteCount(shape: shape).map(String.init) ?? "too many") bytes, "
          + "but its data_offsets span \(byteCount)"
      case .tensorsOverlap(let tensor, let otherTensor):
        return "tensors \(tensor.debugDescription) and \(otherTensor.debugDescription) "
          + "overlap in the data"
      case .gapBeforeTensor(let tensor, let byteCount):
        return "\(byteCount) data bytes before tensor \(tensor.debugDescription) "
          + "belong to no tensor"
      case .tensorPastEnd(let tensor, let end, let dataByteCount):
        return "file truncated: tensor \(tensor.debugDescription) ends at data byte \(end) "
          + "but there are only \(dataByteCount) data bytes"
      case .trailingBytes(let byteCount):
        return "\(byteCount) data bytes after the last tensor belong to no tensor"
      case .notFinite(let tensor, let value, let element):
        return "corrupt checkpoint: tensor \(tensor.debugDescription) holds \(value) "
          + "at element \(element)"
      case .missingTensor(let tensor):
        return "missing tensor \(tensor.debugDescription)"
      case .shapeMismatch(let tensor, let found, let expected):
        return "tensor \(tensor.debugDescription) has shape \(found) "
          + "but the model needs \(expected)"
      case .missingMetadata(let key):
        return "missing metadata key \(key.debugDescription)"
      case .unreadableMetadata(let key, let reason):
        return "metadata key \(key.debugDescription) is unreadable: \(reason)"
      case .wrongFormat(let found):
        let expected = SafeTensorsFile.unrolledFormat.debugDescription
        guard let found else {
          return "not an unrolled checkpoint: no \"format\" metadata (expected \(expected))"
        }
        return "not an unrolled checkpoint: format is \(found.debugDescription), "
          + "expected \(expected)"
      case .unsupportedVersion(let found, let supported):
        let versions = supported.map(String.init).joined(separator: ", ")
        return "unsupported checkpoint version \(found.debugDescription); "
          + "this build reads version\(supported.count == 1 ? "" : "s") \(versions)"
      }
    }
  }

  /// The kind of value that is not a finite number.
  public enum NonFiniteValue: Equatable, Sendable, CustomStringConvertible {
    /// Not a number.
    case nan
    /// Positive infinity.
    case positiveInfinity
    /// Negative infinity.
    case negativeInfinity

    /// The kind of `value`, or `nil` when it is finite.
    package init?(_ value: Float) {
      if value.isNaN {
        self = .nan
      } else if value.isInfinite {
        self = value > 0 ? .positiveInfinity : .negativeInfinity
      } else {
        return nil
      }
    }

    /// `NaN`, `+Inf` or `-Inf`.
    public var description: String {
      switch self {
      case .nan: return "NaN"
      case .positiveInfinity: return "+Inf"
      case .negativeInfinity: return "-Inf"
      }
    }
  }
}
