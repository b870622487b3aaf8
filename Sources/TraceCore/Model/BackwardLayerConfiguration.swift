// The backward layer of a Bidirectional wrapper configured apart from its forward layer,
// as Keras's `Bidirectional(layer, backward_layer=...)` allows. Keras's rule
// (keras/src/layers/rnn/bidirectional.py, `_verify_layer_config`): the two layers must
// differ in `go_backwards` and agree in `stateful`, `return_sequences` and `return_state`;
// anything else (the activations here) may differ.

/// The options of a bidirectional layer's backward LSTM when they differ from the
/// forward one's (Keras `backward_layer`).
///
/// ```
/// Bidirectional(LSTM(8, activation="tanh"),
///               backward_layer=LSTM(8, activation="relu", go_backwards=True))
/// ```
/// is `EncoderConfiguration(units: 8, bidirectional: true,
/// backwardLayer: BackwardLayerConfiguration(activation: .relu))`.
public struct BackwardLayerConfiguration: Equatable, Sendable {
  /// The backward LSTM's activation (Keras `activation`).
  public var activation: Activation
  /// The backward LSTM's gate activation (Keras `recurrent_activation`).
  public var recurrentActivation: Activation
  /// Keras `go_backwards`: must be `true`, since the forward layer reads first to last.
  public var goBackwards: Bool
  /// Keras `stateful`: must be `false`, as the forward layer is.
  public var stateful: Bool
  /// Keras `return_sequences`, or `nil` for the forward layer's value.
  public var returnSequences: Bool?
  /// Keras `return_state`, or `nil` for the forward layer's value.
  public var returnState: Bool?

  /// A backward layer's options; the defaults are those that satisfy Keras's rule.
  public init(
    activation: Activation = .tanh, recurrentActivation: Activation = .sigmoid, goBackwards: Bool = true,
    stateful: Bool = false, returnSequences: Bool? = nil, returnState: Bool? = nil
  ) {
    self.activation = activation
    self.recurrentActivation = recurrentActivation
    self.goBackwards = goBackwards
    self.stateful = stateful
    self.returnSequences = returnSequences
    self.returnState = returnState
  }

  /// Checks Keras's rule against the forward layer's values and returns Keras's message
  /// for the first attribute that breaks it, or `nil`.
  ///
  /// ```
  /// BackwardLayerConfiguration(goBackwards: false).kerasRuleViolation(returnSequences: false, returnState: true)
  /// // "Forward layer and backward layer should have different `go_backwards` value. ..."
  /// ```
  public func kerasRuleViolation(returnSequences forwardSequences: Bool, returnState forwardState: Bool) -> String? {
    func python(_ value: Bool) -> String { value ? "True" : "False" }
    if !goBackwards {
      return
        "Forward layer and backward layer should have different `go_backwards` value. Received: forward_layer.go_backwards False, backward_layer.go_backwards=False"
    }
    let pairs: [(String, Bool, Bool)] = [
      ("stateful", false, stateful), ("return_sequences", forwardSequences, returnSequences ?? forwardSequences),
      ("return_state", forwardState, returnState ?? forwardState),
    ]
    for (attribute, forward, backward) in pairs where forward != backward {
      return
        "Forward layer and backward layer are expected to have the same value for attribute \"\(attribute)\", got \"\(python(forward))\" for forward layer and \"\(python(backward))\" for backward layer"
    }
    return nil
  }
}

#if !hasFeature(Embedded)
  extension BackwardLayerConfiguration: Codable {}
#endif
