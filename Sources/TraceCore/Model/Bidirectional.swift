// A bidirectional wrapper with Keras 3's semantics (keras.layers.Bidirectional): a
// forward LSTM reads the sequence first to last, a backward LSTM (go_backwards) last to
// first; the backward outputs are flipped back into time order before merging.

/// Two LSTMs reading the same sequence in opposite directions.
public struct Bidirectional: Equatable, Sendable {
  /// The layer that reads first to last.
  public var forward: LSTM
  /// The layer that reads last to first (`goBackwards` is set).
  public var backward: LSTM
  /// How the two outputs are combined at each position.
  public var mergeMode: MergeMode

  /// A wrapper around two layers; the backward one must go backwards and the forward
  /// one must not, as Keras requires, and they must agree in size.
  public init(forward: LSTM, backward: LSTM, mergeMode: MergeMode) {
    precondition(!forward.goBackwards && backward.goBackwards, "the backward layer must go backwards, the forward one must not")
    precondition(forward.units == backward.units && forward.inputSize == backward.inputSize, "the two directions differ in size")
    self.forward = forward
    self.backward = backward
    self.mergeMode = mergeMode
  }

  /// The number of units of each direction.
  public var units: Int { forward.units }
  /// The number of trainable parameters of both directions.
  public var parameterCount: Int { forward.parameterCount + backward.parameterCount }

  /// Runs both directions over a sequence (`hotColumns` as in ``LSTM/run(_:initialState:mask:hotColumns:)``).
  public func run(_ inputs: [Matrix], mask: [[Bool]]? = nil, hotColumns: [[Int?]]? = nil) -> BidirectionalRun {
    BidirectionalRun(
      forward: forward.run(inputs, mask: mask, hotColumns: hotColumns),
      backward: backward.run(inputs, mask: mask, hotColumns: hotColumns),
      mergeMode: mergeMode)
  }
}

/// Both directions of a bidirectional run and their merge.
public struct BidirectionalRun: Sendable {
  /// The forward layer's run, first position to last.
  public var forward: LSTMSequenceRun
  /// The backward layer's run, in its own processing order (last position first).
  public var backward: LSTMSequenceRun
  /// How outputs are merged.
  public var mergeMode: MergeMode

  /// The merged output at each position in time order (Keras `return_sequences=True`);
  /// `nil` for merge mode `none`.
  ///
  /// A row that is padding at a position (masked) gets zeros there, as in Keras, whose
  /// Bidirectional sets `zero_output_for_mask` on both layers when it returns sequences;
  /// the states themselves carry through padding unchanged.
  public var mergedSequence: [Matrix]? {
    guard mergeMode != .none else { return nil }
    return (0..<forward.steps.count).map { position in
      var merged = mergeMode.merge(forward.hidden(atPosition: position), backward.hidden(atPosition: position))!
      if let mask = forward.steps[position].mask {
        for row in mask.indices where !mask[row] {
          merged.setRow(row, to: [Float](repeating: 0, count: merged.columns))
        }
      }
      return merged
    }
  }

  /// The merged last outputs (Keras `return_sequences=False`): the forward layer's final
  /// hidden state with the backward layer's, which has read the whole sequence too.
  public var mergedFinal: Matrix? {
    mergeMode.merge(forward.finalState.hidden, backward.finalState.hidden)
  }
}
