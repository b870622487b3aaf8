/// The metadata keys of an unrolled checkpoint.
///
/// ```
/// format   unrolled-checkpoint
/// version  1
/// config   {"kind":"stateBridge", ...}   the architecture, as a JSON string
/// name     reverse
/// history  reverse.history.json          optional
/// ```
public enum CheckpointMetadataKey: String, CaseIterable, Sendable {
  /// Always `unrolled-checkpoint`: tells an unrolled checkpoint from other safetensors files.
  case format
  /// The checkpoint format version, a whole number as a string (`1`).
  case version
  /// The architecture as a JSON string (kinds, units, vocabularies, lengths, activations).
  case config
  /// The model's name.
  case name
  /// Optional: the file name of the training history stored next to the checkpoint.
  case history
}
