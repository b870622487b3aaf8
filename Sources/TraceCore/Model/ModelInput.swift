// What a user's text becomes for a model: the one rule that recording, training examples
// and the lesson checker share. Text is split into the vocabulary's tokens (characters or
// words), refused with one typed error when a token is unknown, a target holds the decoder's
// own start or end token, or a length is past the model's; then padded to the model's width,
// reversed if the model reads its input reversed, and (a state bridge's target) ended with the
// end token. A series model reads comma-separated numbers instead.

/// An input (and its target) as the model reads and writes them.
///
/// ```
/// let prepared = try addition.configuration.prepare(input: "2+10", target: "12")
/// prepared.encoderStepCount   // 5: the model pads its input to five characters
/// ```
public struct ModelInput: Equatable, Sendable {
  /// What the input and target became, by the kind of model.
  public enum Content: Equatable, Sendable {
    /// A token model's input and target as ids.
    case tokens(TokenInput)
    /// A series model's input and target as values.
    case series(SeriesInput)
  }

  /// A token model's input and target.
  public struct TokenInput: Equatable, Sendable {
    /// The input's ids in the input vocabulary, as written.
    public var sourceIDs: [Int]
    /// What the encoder reads, one id per step: `sourceIDs` padded and, if the model reads
    /// its input reversed, reversed.
    public var encoderTokens: [Int]
    /// The target's ids in the output vocabulary, as written; `nil` without a target.
    public var targetIDs: [Int]?
    /// What the decoder must write, one id per step: `targetIDs` padded and, for a state
    /// bridge, followed by the end token; `nil` without a target.
    public var decoderTargets: [Int]?
  }

  /// A series model's input and target, step-major (`n × F` and `k × F` values).
  public struct SeriesInput: Equatable, Sendable {
    /// The values of the input, in the order given.
    public var sourceValues: [Float]
    /// What the encoder reads: `sourceValues`, step by step reversed if the model reads its
    /// input reversed.
    public var encoderValues: [Float]
    /// The true next values; `nil` without a target.
    public var targetValues: [Float]?
  }

  /// What the input and target became.
  public var content: Content
  /// How many steps the encoder takes over the input (after padding).
  public var encoderStepCount: Int
}

extension Seq2SeqConfiguration {
  /// Turns a user's input (and target) into what the model reads and writes, or says in
  /// one typed error why it cannot.
  ///
  /// - Throws: ``TraceInputError``: an empty input, an unknown character or word (a target
  ///   may not hold the start or end token either), too long an input or target, or for a
  ///   series model a piece that is not a number or the wrong count of values.
  public func prepare(input: String, target: String? = nil) throws(TraceInputError) -> ModelInput {
    if series != nil {
      let width = valuesPerStep
      let source = try values(of: input, needed: maxInputLength * width, isTarget: false)
      let truth = try target.map { (text: String) throws(TraceInputError) -> [Float] in
        try values(of: text, needed: maxOutputLength * width, isTarget: true)
      }
      let prepared = ModelInput.SeriesInput(
        sourceValues: source, encoderValues: encoderValues(forSeries: source), targetValues: truth)
      return ModelInput(content: .series(prepared), encoderStepCount: maxInputLength)
    }
    let sourceIDs = try ids(of: input, isTarget: false, limit: maxInputLength)
    let targetIDs = try target.map { (text: String) throws(TraceInputError) -> [Int] in
      try ids(of: text, isTarget: true, limit: targetTokenLimit)
    }
    let prepared = ModelInput.TokenInput(
      sourceIDs: sourceIDs, encoderTokens: encoderTokens(forSourceIDs: sourceIDs), targetIDs: targetIDs,
      decoderTargets: targetIDs.map(decoderTargets(forTargetIDs:)))
    return ModelInput(content: .tokens(prepared), encoderStepCount: prepared.encoderTokens.count)
  }

  /// The most tokens a target may hold: the decoder's steps, less the end token's for a
  /// state bridge.
  public var targetTokenLimit: Int { bridge == .states ? maxOutputLength - 1 : maxOutputLength }

  /// The ids the encoder reads for a text's ids: padded to the model's width, then
  /// reversed if the model reads its input reversed.
  public func encoderTokens(forSourceIDs ids: [Int]) -> [Int] {
    var tokens = ids
    if let inputPadding, let padID = inputVocabulary.id(of: inputPadding.token) {
      tokens = inputPadding.pad(tokens, paddingID: padID)
    }
    return reverseInput ? tokens.reversed() : tokens
  }

  /// The ids the decoder must write for a target text's ids: followed by the end token for
  /// a state bridge, then padded for a fixed-width output. A state bridge's padding comes
  /// after its end token, as Keras's lstm_seq2seq example pads its `decoder_target_data`,
  /// so a padded target is exactly `maxOutputLength` steps.
  ///
  /// ```
  /// state bridge, right padding to 5:   "ab" -> a b \n ␣ ␣
  /// repeat bridge, left padding to 3:   "7"  -> ␣ ␣ 7
  /// ```
  public func decoderTargets(forTargetIDs ids: [Int]) -> [Int] {
    var tokens = ids
    if kind.stopsAtEndToken, let endToken, let endID = outputVocabulary.id(of: endToken) {
      tokens.append(endID)
    }
    if let outputPadding, let padID = outputVocabulary.id(of: outputPadding.token) {
      tokens = outputPadding.pad(tokens, paddingID: padID)
    }
    return tokens
  }

  /// The values the encoder reads for a series, step-major (`n × F` values): reversed
  /// step by step if the model reads its input reversed.
  public func encoderValues(forSeries values: [Float]) -> [Float] {
    guard reverseInput else { return values }
    let width = valuesPerStep
    return stride(from: values.count - width, through: 0, by: -width).flatMap { values[$0..<$0 + width] }
  }

  /// A text's tokens split by the vocabulary of its side, and those the model cannot take
  /// there, each once in order of first appearance: tokens the vocabulary lacks, and in a
  /// target the decoder's own start and end tokens.
  public func tokens(of text: String, isTarget: Bool) -> (tokens: [String], refused: [String]) {
    let vocabulary = isTarget ? outputVocabulary : inputVocabulary
    let special = reservedTokens(isTarget: isTarget)
    let tokens = vocabulary.tokenize(text)
    var refused: [String] = []
    for token in tokens where (vocabulary.id(of: token) == nil || special.contains(token)) && !refused.contains(token) {
      refused.append(token)
    }
    return (tokens, refused)
  }
}

extension Seq2SeqConfiguration {
  /// The tokens a user may write on one side, in vocabulary order: every token but, in a
  /// target, the decoder's own start and end tokens.
  public func allowedTokens(isTarget: Bool) -> [String] {
    let special = reservedTokens(isTarget: isTarget)
    return (isTarget ? outputVocabulary : inputVocabulary).tokens.filter { !special.contains($0) }
  }

  /// The decoder's own start and end tokens, which a target may not hold; none for an input.
  func reservedTokens(isTarget: Bool) -> [String] {
    isTarget ? [startToken, endToken].compactMap { $0 } : []
  }
}

private extension Seq2SeqConfiguration {
  /// A text's ids, refusing it when empty (an input), when a token is refused, or when it
  /// has more than `limit` tokens.
  func ids(of text: String, isTarget: Bool, limit: Int) throws(TraceInputError) -> [Int] {
    let vocabulary = isTarget ? outputVocabulary : inputVocabulary
    let (tokens, refused) = tokens(of: text, isTarget: isTarget)
    guard !tokens.isEmpty || isTarget else { throw .emptyInput(model: name) }
    guard refused.isEmpty else {
      let allowed = allowedTokens(isTarget: isTarget)
      if vocabulary.unit == .word {
        throw .unknownWords(model: name, words: refused, allowed: allowed, inTarget: isTarget)
      }
      throw .unknownTokens(model: name, tokens: refused, allowed: allowed, inTarget: isTarget)
    }
    guard tokens.count <= limit else {
      if vocabulary.unit == .word {
        throw .tooManyWords(model: name, count: tokens.count, limit: limit, inTarget: isTarget)
      }
      throw .tooLong(model: name, length: tokens.count, limit: limit, inTarget: isTarget)
    }
    return tokens.compactMap { vocabulary.id(of: $0) }
  }

  /// The numbers of a comma-separated input or target, exactly `needed` of them.
  func values(of text: String, needed: Int, isTarget: Bool) throws(TraceInputError) -> [Float] {
    let values: [Float]
    do { values = try SeriesConfiguration.values(of: text) } catch {
      throw .notANumber(model: name, piece: error.piece, position: error.position, inTarget: isTarget)
    }
    guard values.count == needed else {
      throw .wrongValueCount(model: name, count: values.count, needed: needed, inTarget: isTarget)
    }
    return values
  }
}
