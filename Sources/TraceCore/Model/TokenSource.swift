/// Where the token fed to a decoder step came from.
public enum TokenSource: String, Sendable, CaseIterable {
  /// The start token, fed to the first step of a state-bridge decoder.
  case startToken
  /// The true previous target token (teacher forcing).
  case groundTruth
  /// The model's own previous prediction (free-running, or scheduled sampling).
  case ownPrediction
  /// No token: the repeated encoding is the step's input (repeat bridge).
  case repeatedEncoding
}

/// How a decoder is fed during a forward pass.
public enum DecoderFeeding: Equatable, Sendable {
  /// Every step reads the true previous target token.
  case teacherForcing
  /// Every step reads the model's own previous prediction (greedy argmax).
  case freeRunning
  /// Each step reads the true previous token with the given probability, and the
  /// model's own previous prediction otherwise (Bengio et al. 2015's scheduled sampling).
  case scheduledSampling(groundTruthProbability: Double)
}

#if !hasFeature(Embedded)
  extension TokenSource: Codable {}
#endif
