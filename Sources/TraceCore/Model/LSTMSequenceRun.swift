/// An LSTM run over a whole sequence: every step's cache, in the order the layer read them.
public struct LSTMSequenceRun: Sendable {
  /// The steps in processing order (last position first when the layer goes backwards).
  public var steps: [LSTMStepCache]
  /// For each processed step, the position in the original sequence it read.
  public var positions: [Int]
  /// The state the layer started from.
  public var initialState: LSTMState
  /// The state after the last step: Keras's `return_state` values.
  public var finalState: LSTMState {
    guard let last = steps.last else { return initialState }
    return LSTMState(hidden: last.hidden, cell: last.cell)
  }

  /// The hidden state after reading position `position` of the original sequence.
  public func hidden(atPosition position: Int) -> Matrix {
    steps[goesBackwards ? steps.count - 1 - position : position].hidden
  }

  /// Whether the run read the sequence from its end.
  public var goesBackwards: Bool { positions.count > 1 && positions[0] > positions[1] }

  /// The hidden states in the order Keras's `return_sequences` gives them: processing
  /// order (so reversed in time when the layer goes backwards).
  public var outputs: [Matrix] { steps.map { $0.hidden } }
}

extension LSTM {
  /// Runs the layer over a sequence.
  ///
  /// - Parameters:
  ///   - inputs: one `[B, I]` matrix per position, in time order.
  ///   - initialState: Keras's `initial_state`; zeros when `nil`.
  ///   - mask: `mask[t][b]` is `false` where row `b` is padding at position `t`.
  ///   - hotColumns: when the inputs are one-hot, `hotColumns[t][b]` is the column of
  ///     position `t`, row `b` that holds the 1 (`nil` for a row of zeros); the steps then
  ///     read `x·W` from the kernel's rows instead of multiplying (the same values).
  public func run(
    _ inputs: [Matrix], initialState: LSTMState? = nil, mask: [[Bool]]? = nil, hotColumns: [[Int?]]? = nil
  ) -> LSTMSequenceRun {
    let batch = inputs.first?.rows ?? initialState?.hidden.rows ?? 1
    let start = initialState ?? .zeros(batch: batch, units: units)
    let order = goBackwards ? Array(inputs.indices.reversed()) : Array(inputs.indices)
    var state = start
    var steps: [LSTMStepCache] = []
    steps.reserveCapacity(inputs.count)
    for position in order {
      let cache = step(
        input: inputs[position], state: state, mask: mask?[position],
        inputProjection: hotColumns.map { inputProjection(hotColumns: $0[position]) },
        startsFromZeros: initialState == nil && steps.isEmpty)
      state = LSTMState(hidden: cache.hidden, cell: cache.cell)
      steps.append(cache)
    }
    return LSTMSequenceRun(steps: steps, positions: order, initialState: start)
  }
}
