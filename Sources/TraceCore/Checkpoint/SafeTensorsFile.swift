// A checkpoint container: named float32 tensors plus string metadata, stored as a
// HuggingFace safetensors file (https://github.com/huggingface/safetensors).
//
// Layout: an 8-byte little-endian header length N, N bytes of JSON header (padded with
// spaces to a multiple of 8), then the tensors' float32 little-endian data packed in
// name order. See docs/checkpoint-format.md.
// Goals, in order: never crash on a bad file and say what is wrong with it; write the
// same bytes for the same content; read a few-MB file without per-element overhead.

/// Named float32 tensors plus string metadata: the contents of a safetensors file.
///
/// ```swift
/// let file = SafeTensorsFile(
///   tensors: ["output/bias": NamedTensor(shape: [3], values: [0.1, 0.2, 0.3])],
///   metadata: ["format": "unrolled-checkpoint", "version": "1"])
/// try file.write(to: URL(fileURLWithPath: "tiny.safetensors"))
/// let back = try SafeTensorsFile(contentsOf: URL(fileURLWithPath: "tiny.safetensors"))
/// // back == file
/// ```
public struct SafeTensorsFile: Equatable, Sendable {
  /// The tensors by name. Their order never reaches a file: writing sorts them by name.
  public var tensors: [String: NamedTensor]
  /// String metadata, stored under `__metadata__` in the header.
  public var metadata: [String: String]

  /// A file holding `tensors` and `metadata`.
  public init(tensors: [String: NamedTensor], metadata: [String: String] = [:]) {
    self.tensors = tensors
    self.metadata = metadata
  }
}

extension SafeTensorsFile {
  /// The largest header accepted, as in the reference implementation: 100 MB.
  static let headerLengthLimit: UInt64 = 100_000_000
  /// The header key that holds the metadata instead of a tensor.
  package static let metadataKey = "__metadata__"
  /// The one dtype unrolled reads and writes.
  package static let float32Dtype = "F32"
}
