/// The two recurrent states an LSTM carries from one step to the next.
///
/// Shapes: `hidden` and `cell` are `[B, U]` (batch rows, units).
public struct LSTMState: Equatable, Sendable {
  /// `h`, the hidden state: the layer's output at a step.
  public var hidden: Matrix
  /// `c`, the cell state: the memory the gates write to and read from.
  public var cell: Matrix

  /// A state from its two parts.
  public init(hidden: Matrix, cell: Matrix) {
    precondition(hidden.rows == cell.rows && hidden.columns == cell.columns, "h and c differ in shape")
    self.hidden = hidden
    self.cell = cell
  }

  /// The zero state Keras starts from when no initial state is given.
  public static func zeros(batch: Int, units: Int) -> LSTMState {
    LSTMState(hidden: Matrix(rows: batch, columns: units), cell: Matrix(rows: batch, columns: units))
  }
}
