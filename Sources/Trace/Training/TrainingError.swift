/// Why training could not start or had to stop.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
  /// A text has tokens the model's vocabulary lacks.
  case unknownTokens(text: String, tokens: [String])
  /// An example does not fit the model: too long, or an id outside a vocabulary.
  case unfitExample(index: Int, reason: String)
  /// There is nothing to train on.
  case noTrainingExamples
  /// An option is out of range.
  case invalidOption(String)
  /// The loss became NaN or infinite; the model keeps the weights from before that batch.
  case nonFiniteLoss(epoch: Int, batch: Int, loss: Float)
  /// A gradient became NaN or infinite while the loss was finite; the model keeps the
  /// weights from before that batch.
  case nonFiniteGradient(epoch: Int, batch: Int)

  public var description: String {
    switch self {
    case .unknownTokens(let text, let tokens):
      return "\(text.debugDescription) has tokens the model does not know: \(tokens.map(\.debugDescription).joined(separator: ", "))"
    case .unfitExample(let index, let reason):
      return "example \(index) does not fit the model: \(reason)"
    case .noTrainingExamples:
      return "there are no training examples"
    case .invalidOption(let message):
      return message
    case .nonFiniteLoss(let epoch, let batch, let loss):
      return "the loss became \(loss.isNaN ? "NaN" : "infinite") at epoch \(epoch), batch \(batch): training stopped; try a lower learning rate or a clip norm"
    case .nonFiniteGradient(let epoch, let batch):
      return "a gradient became NaN or infinite at epoch \(epoch), batch \(batch): training stopped; try a lower learning rate or a clip norm"
    }
  }
}
