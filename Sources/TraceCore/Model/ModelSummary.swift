// A Keras-style summary of a seq2seq model: one row per layer with its output shape and
// parameter count, laid out like keras.Model.summary().

/// The layers of a model as `model.summary()` in Keras lists them.
public struct ModelSummary: Equatable, Sendable {
  /// One layer of the summary.
  public struct Row: Equatable, Sendable {
    /// The layer's name and type, e.g. `lstm (LSTM)`.
    public var layer: String
    /// The output shape with `None` for the batch, e.g. `(None, 2, 75)`.
    public var outputShape: String
    /// Trainable parameters of the layer.
    public var parameters: Int
  }

  /// The model's name.
  public var name: String
  /// The layers in order.
  public var rows: [Row]
  /// All trainable parameters.
  public var totalParameters: Int { rows.reduce(0) { $0 + $1.parameters } }

  /// The summary of `model`.
  ///
  /// For the addition model: `lstm (LSTM)` 26,400, `repeat_vector (RepeatVector)` 0,
  /// `lstm_1 (LSTM)` 25,200, `time_distributed (TimeDistributed)` 612; 52,212 in all.
  public init(_ model: Seq2SeqModel) {
    let config = model.configuration
    name = config.name
    var rows: [Row] = []
    let units = config.encoder.units
    let inputLength = config.inputPadding == nil ? "None" : String(config.maxInputLength)
    let kind = config.kind
    let encoderName: String
    switch kind.encoder {
    case .oneDirection: encoderName = "lstm (LSTM)"
    case .bothDirections: encoderName = "bidirectional (Bidirectional)"
    }
    switch kind.decoderInput {
    case .repeatedEncoding, .repeatedEncodingAndPreviousToken:
      if let embedding = model.encoderEmbedding {
        rows.append(
          Row(
            layer: "embedding (Embedding)", outputShape: "(None, \(inputLength), \(embedding.table.columns))",
            parameters: embedding.parameterCount))
      }
      rows.append(
        Row(layer: encoderName, outputShape: "(None, \(config.encodingSize))", parameters: model.encoder.parameterCount))
      let n = config.maxOutputLength
      rows.append(Row(layer: "repeat_vector (RepeatVector)", outputShape: "(None, \(n), \(config.encodingSize))", parameters: 0))
      if kind.decoderInput == .repeatedEncodingAndPreviousToken {
        // The conditioned decoder's second input: the previous tokens, one-hot, start token first.
        let vocabularySize = config.outputVocabulary.count
        rows.append(Row(layer: "previous_tokens (InputLayer)", outputShape: "(None, \(n), \(vocabularySize))", parameters: 0))
        rows.append(
          Row(
            layer: "concatenate (Concatenate)", outputShape: "(None, \(n), \(config.encodingSize + vocabularySize))",
            parameters: 0))
      }
      rows.append(
        Row(
          layer: "lstm_1 (LSTM)", outputShape: "(None, \(n), \(config.decoder.units))", parameters: model.decoder.parameterCount))
      rows.append(
        Row(
          layer: "time_distributed (TimeDistributed)", outputShape: "(None, \(n), \(config.outputVocabulary.count))",
          parameters: model.output.parameterCount))
    case .previousToken:
      rows.append(
        Row(
          layer: "encoder_inputs (InputLayer)",
          // Token ids for an embedding are one integer per step, so no feature axis: Keras's
          // Input(shape=(T,)) shows (None, T).
          outputShape: config.encoder.embeddingSize == nil
            ? "(None, \(inputLength), \(config.inputVocabulary.count))" : "(None, \(inputLength))",
          parameters: 0))
      if let embedding = model.encoderEmbedding {
        rows.append(
          Row(
            layer: "encoder_embedding (Embedding)", outputShape: "(None, \(inputLength), \(embedding.table.columns))",
            parameters: embedding.parameterCount))
      }
      let stateShape = "(None, \(units))"
      if case .bothDirections = kind.encoder {
        let merged =
          config.encoder.mergeMode.mergedSize(units: units).map { "(None, \($0))" } ?? "[(None, \(units)), (None, \(units))]"
        rows.append(
          Row(
            layer: encoderName, outputShape: "[\(merged), \(Array(repeating: stateShape, count: 4).joined(separator: ", "))]",
            parameters: model.encoder.parameterCount))
        if kind.decoding == .freeRunning {  // a bidirectional decoder takes the four states as they are
          rows.append(Row(layer: "state_h (Concatenate)", outputShape: "(None, \(2 * units))", parameters: 0))
          rows.append(Row(layer: "state_c (Concatenate)", outputShape: "(None, \(2 * units))", parameters: 0))
        }
      } else {
        rows.append(
          Row(
            layer: encoderName, outputShape: "[\(stateShape), \(stateShape), \(stateShape)]",
            parameters: model.encoder.parameterCount))
      }
      rows.append(
        Row(
          layer: "decoder_inputs (InputLayer)",
          outputShape: config.decoder.embeddingSize == nil
            ? "(None, None, \(config.outputVocabulary.count))" : "(None, None)", parameters: 0))
      if let embedding = model.decoderEmbedding {
        rows.append(
          Row(
            layer: "decoder_embedding (Embedding)", outputShape: "(None, None, \(embedding.table.columns))",
            parameters: embedding.parameterCount))
      }
      let d = config.decoder.units
      if let decoderBackward = model.decoderBackward {
        rows.append(
          Row(
            layer: "bidirectional_1 (Bidirectional)", outputShape: "(None, None, \(2 * d))",
            parameters: model.decoder.parameterCount + decoderBackward.parameterCount))
      } else {
        rows.append(
          Row(
            layer: "lstm_1 (LSTM)", outputShape: "[(None, None, \(d)), (None, \(d)), (None, \(d))]",
            parameters: model.decoder.parameterCount))
      }
      rows.append(
        Row(
          layer: "dense (Dense)", outputShape: "(None, None, \(config.outputVocabulary.count))",
          parameters: model.output.parameterCount))
    }
    self.rows = rows
  }

  /// The table as Keras prints it, with box-drawing borders and thousands separators.
  public var table: String {
    let headers = ["Layer (type)", "Output Shape", "Param #"]
    let layerWidth: Int = rows.map { $0.layer.count }.max() ?? 0
    let shapeWidth: Int = rows.map { $0.outputShape.count }.max() ?? 0
    let countWidth: Int = rows.map { Self.grouped($0.parameters).count }.max() ?? 0
    let widths: [Int] = [
      max(headers[0].count, layerWidth) + 2, max(headers[1].count, shapeWidth) + 2, max(headers[2].count, countWidth) + 2,
    ]
    func line(_ left: String, _ fill: String, _ join: String, _ right: String) -> String {
      left + widths.map { String(repeating: fill, count: $0) }.joined(separator: join) + right
    }
    func cells(_ values: [String], _ bar: String) -> String {
      let padded = [
        " " + values[0] + String(repeating: " ", count: max(0, widths[0] - 1 - values[0].count)),
        " " + values[1] + String(repeating: " ", count: max(0, widths[1] - 1 - values[1].count)),
        String(repeating: " ", count: widths[2] - 1 - values[2].count) + values[2] + " ",
      ]
      return bar + padded.joined(separator: bar) + bar
    }
    var lines = ["Model: \"\(TerminalText.escaped(name))\""]
    lines.append(line("┏", "━", "┳", "┓"))
    lines.append(cells(headers, "┃"))
    lines.append(line("┡", "━", "╇", "┩"))
    for (index, row) in rows.enumerated() {
      if index > 0 { lines.append(line("├", "─", "┼", "┤")) }
      lines.append(cells([row.layer, row.outputShape, Self.grouped(row.parameters)], "│"))
    }
    lines.append(line("└", "─", "┴", "┘"))
    let total = totalParameters
    lines.append(" Total params: \(Self.grouped(total)) (\(Self.kilobytes(total)))")
    lines.append(" Trainable params: \(Self.grouped(total)) (\(Self.kilobytes(total)))")
    lines.append(" Non-trainable params: 0 (0.00 B)")
    return lines.joined(separator: "\n") + "\n"
  }

  /// `52212` as `52,212`.
  public static func grouped(_ number: Int) -> String {
    let digits = String(number)
    var result = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return result
  }

  /// The size of `count` float32 parameters, as Keras prints it.
  static func kilobytes(_ count: Int) -> String {
    let bytes = Double(count * 4)
    if bytes < 1024 { return "\(Int(bytes)).00 B" }
    let kb = bytes / 1024
    if kb < 1024 { return DecimalText.fixed(kb, decimals: 2) + " KB" }
    return DecimalText.fixed(kb / 1024, decimals: 2) + " MB"
  }
}
