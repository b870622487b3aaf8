/// Everything one LSTM step computed: what the recorder writes out and what the backward
/// step needs.
///
/// Shapes: `input` is `[B, I]`, `gates` `[B, 4U]`; every other matrix is `[B, U]`.
/// ```
/// i = σ(x·W_i + h_prev·U_i + b_i)      inputGate
/// f = σ(x·W_f + h_prev·U_f + b_f)      forgetGate
/// g = tanh(x·W_g + h_prev·U_g + b_g)   candidate
/// o = σ(x·W_o + h_prev·U_o + b_o)      outputGate
/// c = f ⊙ c_prev + i ⊙ g               cell
/// h = o ⊙ tanh(c)                      hidden
/// ```
public struct LSTMStepCache: Sendable {
  /// `x`, the vector the step read.
  public var input: Matrix
  /// `h_prev`, the hidden state the step started from.
  public var previousHidden: Matrix
  /// `c_prev`, the cell state the step started from.
  public var previousCell: Matrix
  /// The four gates side by side, `[B, 4U]`, in the pre-activations' layout
  /// `[input | forget | candidate | output]`, one block of `U` columns each: the step
  /// activates its pre-activations where they are, and the backward step reads each gate
  /// from its block. ``inputGate``, ``forgetGate``, ``candidate`` and ``outputGate`` are
  /// copies of one block each.
  public var gates: Matrix
  /// `i`: how much of the candidate is written into the cell.
  public var inputGate: Matrix { gates.columns(0..<units) }
  /// `f`: how much of the previous cell is kept.
  public var forgetGate: Matrix { gates.columns(units..<2 * units) }
  /// `g`: the new content proposed for the cell.
  public var candidate: Matrix { gates.columns(2 * units..<3 * units) }
  /// `o`: how much of the squashed cell is shown as the hidden state.
  public var outputGate: Matrix { gates.columns(3 * units..<4 * units) }
  /// `U`, the layer's units: the width of each gate's block.
  public var units: Int { gates.columns / 4 }
  /// `c`, the new cell state.
  public var cell: Matrix
  /// `tanh(c)` (the layer's activation of the cell), kept for the backward step.
  public var cellActivation: Matrix
  /// `h`, the new hidden state.
  public var hidden: Matrix
  /// Per batch row, whether the step was real (`true`) or padding that left the state as
  /// it was (`false`, Keras's masking); `nil` when every row was real.
  public var mask: [Bool]?
}
