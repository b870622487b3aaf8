import Markup
import TraceCore

/// One step of a trace that a figure can show: the address behind `#figure/decoder-3`.
///
/// ```
/// TraceStep.decoder(3).anchor  // "decoder-3"
/// TraceStep.bridge.anchor      // "bridge-0"
/// ```
public enum TraceStep: Equatable, Hashable, Sendable {
  /// The forward (or only) encoder LSTM reading position `index`.
  case encoder(Int)
  /// The backward encoder LSTM's `index`-th step in processing order (last position first).
  case backward(Int)
  /// The hand-over from encoder to decoder.
  case bridge
  /// Decoder step `index` of the free-running decode.
  case decoder(Int)
  /// Decoder step `index` of the teacher-forced decode.
  case teacherForced(Int)

  /// The phase name used in URLs and ids.
  public var phase: String {
    switch self {
    case .encoder: return "encoder"
    case .backward: return "backward"
    case .bridge: return "bridge"
    case .decoder: return "decoder"
    case .teacherForced: return "forced"
    }
  }

  /// The index within the phase.
  public var index: Int {
    switch self {
    case .encoder(let i), .backward(let i), .decoder(let i), .teacherForced(let i): return i
    case .bridge: return 0
    }
  }

  /// `phase-index`, the part of a step's URL hash after the figure id.
  public var anchor: String { "\(phase)-\(index)" }
}
