import Markup
import TraceCore

/// One of the six vectors an LSTM step records, as a figure names and colours it.
///
/// ```
/// CellQuantity.forgetGate.symbol  // "f"
/// CellQuantity.cell.scaleKind     // .diverging
/// ```
public enum CellQuantity: String, CaseIterable, Sendable {
  /// `i`, the input gate (0…1).
  case inputGate
  /// `f`, the forget gate (0…1).
  case forgetGate
  /// `g`, the candidate (−1…1).
  case candidate
  /// `o`, the output gate (0…1).
  case outputGate
  /// `c`, the cell state.
  case cell
  /// `h`, the hidden state (−1…1).
  case hidden

  /// The letter used in equations.
  public var symbol: String {
    switch self {
    case .inputGate: return "i"
    case .forgetGate: return "f"
    case .candidate: return "g"
    case .outputGate: return "o"
    case .cell: return "c"
    case .hidden: return "h"
    }
  }

  /// The learner-facing name.
  public var name: String {
    switch self {
    case .inputGate: return "input gate"
    case .forgetGate: return "forget gate"
    case .candidate: return "candidate"
    case .outputGate: return "output gate"
    case .cell: return "cell state"
    case .hidden: return "hidden state"
    }
  }

  /// Gates live in 0…1 and use the sequential scale; the rest are signed.
  public var scaleKind: ColorScale.Kind {
    switch self {
    case .inputGate, .forgetGate, .outputGate: return .sequential
    case .candidate, .cell, .hidden: return .diverging
    }
  }

  /// The panel `?focus=` names this quantity by (`gates`, `candidate`, `cell`, `hidden`).
  public var panel: String {
    switch self {
    case .inputGate, .forgetGate, .outputGate: return "gates"
    case .candidate: return "candidate"
    case .cell: return "cell"
    case .hidden: return "hidden"
    }
  }

  /// The values of this quantity in `record`.
  public func values(in record: CellRecord) -> [Float] {
    switch self {
    case .inputGate: return record.inputGate
    case .forgetGate: return record.forgetGate
    case .candidate: return record.candidate
    case .outputGate: return record.outputGate
    case .cell: return record.cell
    case .hidden: return record.hidden
    }
  }
}
