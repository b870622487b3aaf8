// The rule that turns gradients into weight changes. Optimizers work on the model's flat
// parameter vector (Seq2SeqModel.parameterVector) and the gradients' flat view
// (Seq2SeqGradients.flattened), whose entries line up one for one; training updates the
// model's tensors where they are, in that same order (Adam directly, others through the
// vector).

/// Updates a flat vector of weights from the gradient of the loss.
public protocol Optimizer: Sendable {
  /// The step size.
  var learningRate: Float { get set }
  /// Applies one update: `parameters[i]` moves against `gradients[i]`.
  mutating func update(_ parameters: inout [Float], gradients: [Float])
  /// Applies one update to a model's weights, `gradients` laid out as its
  /// ``Seq2SeqModel/parameterVector``: the same as updating that vector and writing it back.
  mutating func update(_ model: inout Seq2SeqModel, gradients: [Float])
}

extension Optimizer {
  /// Updates the model's ``Seq2SeqModel/parameterVector`` and writes it back.
  public mutating func update(_ model: inout Seq2SeqModel, gradients: [Float]) {
    var parameters = model.parameterVector
    update(&parameters, gradients: gradients)
    model.parameterVector = parameters
  }
}

/// The optimizers a trainer can use, with Keras 3's defaults.
public enum OptimizerKind: String, Codable, Sendable, CaseIterable {
  /// ``Adam``.
  case adam
  /// ``RMSprop``.
  case rmsprop

  /// Keras's default learning rate for this kind.
  public var defaultLearningRate: Float {
    switch self {
    case .adam: return Adam.defaultLearningRate
    case .rmsprop: return RMSprop.defaultLearningRate
    }
  }

  /// A fresh optimizer of this kind for `parameterCount` weights, with Keras's defaults
  /// and, when given, another learning rate.
  public func make(parameterCount: Int, learningRate: Float? = nil) -> any Optimizer {
    switch self {
    case .adam: return Adam(parameterCount: parameterCount, learningRate: learningRate ?? defaultLearningRate)
    case .rmsprop: return RMSprop(parameterCount: parameterCount, learningRate: learningRate ?? defaultLearningRate)
    }
  }
}
