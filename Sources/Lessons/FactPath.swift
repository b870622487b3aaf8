/// Which number or text a fact asks for, once its model (and trace) are known.
///
/// A closed vocabulary, so `LessonMaterials` resolves every case to a value from a checkpoint
/// or a trace, and a typo in a lesson is an error at build time instead of a wrong number on
/// a page. Steps and units count from 0.
///
/// ```swift
/// // `=addition.parameters.encoder`                        -> .parameterCount(.encoder)
/// // `=trace(addition, " 2+10").encoder[3].forgetGate.mean` -> .encoderState(step: 3, .init(quantity: .forgetGate, summary: .mean))
/// // `=trace(addition, " 2+10").decoder[0].token`           -> .decoderPrediction(step: 0, .freeRunning, .token)
/// ```
public enum FactPath: Hashable, Sendable {
  /// The number of trainable parameters: all of them (`nil`) or one part's.
  case parameterCount(ModelPart?)
  /// The model's accuracy on its test set.
  case accuracy(AccuracyMeasure)
  /// How many epochs the model was trained for.
  case epochs
  /// LSTM units per layer.
  case units
  /// A gate or state of the encoder after reading input character `step`.
  case encoderState(step: Int, StateReading)
  /// A gate or state of the decoder at output `step`.
  case decoderState(step: Int, Decoding, StateReading)
  /// What the decoder predicted at output `step`.
  case decoderPrediction(step: Int, Decoding, Prediction)
  /// The first decoder step where free-running output differs from the target (needs a target).
  case firstDivergence
  /// The whole decoded output string.
  case output(Decoding)
  /// How many different input vectors the decoder read over its steps: 1 when every step
  /// read the same repeated encoding, more when steps also read their previous token.
  case distinctDecoderInputs(Decoding)

  /// A part of the model whose parameters can be counted.
  public enum ModelPart: String, CaseIterable, Hashable, Sendable {
    /// The encoder LSTM.
    case encoder
    /// The decoder LSTM.
    case decoder
    /// The dense layer that turns decoder states into character probabilities.
    case output
  }

  /// How accuracy is measured.
  public enum AccuracyMeasure: String, CaseIterable, Hashable, Sendable {
    /// The share of test sequences decoded exactly right.
    case exactMatch
    /// The share of output characters that are right.
    case perCharacter
    /// A series model's root mean squared error on its held-out series.
    case rootMeanSquaredError
    /// A series model's mean absolute error on its held-out series.
    case meanAbsoluteError
    /// The root mean squared error of repeating each held-out series' last value: the
    /// baseline a forecaster must beat.
    case naiveRootMeanSquaredError
    /// The share of output characters that are right when every step is fed the true
    /// previous character (the only measure of a bidirectional decoder).
    case teacherForced
  }

  /// How the decoder is fed.
  public enum Decoding: String, CaseIterable, Hashable, Sendable {
    /// Each step is fed the true previous character (needs a target).
    case teacherForced
    /// Each step is fed the model's own previous prediction, as in real use.
    case freeRunning
  }

  /// A gate or state vector of an LSTM step.
  public enum StateQuantity: String, CaseIterable, Hashable, Sendable {
    /// How much of the candidate is written into the cell (sigmoid, 0 to 1).
    case inputGate
    /// How much of the previous cell state is kept (sigmoid, 0 to 1).
    case forgetGate
    /// The new values proposed for the cell (tanh, -1 to 1).
    case candidate
    /// How much of the squashed cell state is shown as the hidden state (sigmoid, 0 to 1).
    case outputGate
    /// The cell's memory after the step.
    case cellState
    /// The step's output, passed to the next step (and, in the decoder, to the dense layer).
    case hiddenState
  }

  /// How a vector is reduced to one number.
  public enum StateSummary: Hashable, Sendable {
    /// The mean over all units.
    case mean
    /// The value of one unit, from 0.
    case unit(Int)
  }

  /// A quantity and how it is summarised, e.g. the forget gate's mean.
  public struct StateReading: Hashable, Sendable {
    /// Which vector.
    public var quantity: StateQuantity
    /// Which number from it.
    public var summary: StateSummary

    /// Creates a reading.
    ///
    /// ```swift
    /// FactPath.StateReading(quantity: .cellState, summary: .unit(5))  // `.cellState.unit[5]`
    /// ```
    public init(quantity: StateQuantity, summary: StateSummary) {
      self.quantity = quantity
      self.summary = summary
    }
  }

  /// What a decoder step produced.
  public enum Prediction: String, CaseIterable, Hashable, Sendable {
    /// The predicted character.
    case token
    /// The probability the model gave its prediction.
    case probability
    /// The cross-entropy loss against the target character (needs a target).
    case loss
  }
}
