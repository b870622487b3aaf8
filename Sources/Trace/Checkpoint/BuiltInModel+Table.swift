// The built-in models as a table for a terminal: what `unrolled models` prints. The words
// for each architecture come from the model's kind.

import Foundation

extension BuiltInModel {
  /// Every built-in model, a line each: its architecture, units, vocabulary or series sizes,
  /// parameters, and its validation accuracy (or a forecaster's error) from its training
  /// history, then the lines that say what the numbers are.
  ///
  /// ```
  /// name      architecture              units  tokens in→out  parameters  exact match …
  /// addition  LSTM, repeat bridge       75/50  12→12          52,212      99.5%       …
  /// ```
  public static func catalogTable() throws -> String {
    var rows = [
      ["name", "architecture", "units", "tokens in→out", "parameters", "exact match", "per character", "forecast RMSE"]
    ]
    for builtIn in allCases {
      guard builtIn.checkpointURL != nil else {
        rows.append([builtIn.rawValue, "not trained yet (make models)", "", "", "", "", "", ""])
        continue
      }
      rows.append(try builtIn.catalogRow())
    }
    let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
    var lines = rows.map { row in
      zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        .trimmingCharacters(in: .whitespaces)
    }
    lines.append(
      "\nExact match and per-character accuracy (per word, for a word-level model) are measured on each task's held-out validation examples, decoding free-running."
        + "\nForecast RMSE is a series model's root mean squared error on held-out series, next to repeating the last value read."
    )
    lines.append(
      "A model with a bidirectional decoder cannot decode free-running: it has no exact match, and its per-character accuracy is teacher-forced."
    )
    return lines.joined(separator: "\n") + "\n"
  }

  /// This model's line of ``catalogTable()``.
  private func catalogRow() throws -> [String] {
    let model = try load()
    let config = model.configuration
    let kind = config.kind
    var encoder: String
    switch kind.encoder {
    case .oneDirection:
      encoder = "LSTM"
    case .bothDirections(let mergeMode, let backwardActivation):
      encoder = "bidirectional LSTM (\(mergeMode.rawValue))"
      if let backwardActivation { encoder += ", \(backwardActivation.rawValue) backward layer" }
    }
    switch kind.decoding {
    case .freeRunning: break
    case .teacherForcedOnly(.bidirectionalDecoder): encoder += ", bidirectional decoder (teacher-forced only)"
    }
    let bridge: String
    switch kind.decoderInput {
    case .previousToken: bridge = "state bridge"
    case .repeatedEncoding: bridge = "repeat bridge"
    case .repeatedEncodingAndPreviousToken: bridge = "repeat bridge, conditioned decoder"
    }
    let units = "\(config.encoder.units)/\(config.decoder.units)"
    let parameters = ModelSummary.grouped(model.parameterCount)
    let validation = try history()?.epochs.last?.validation
    switch kind.decoderOutput {
    case .values:
      // Numbers in and out: no tokens to match, an error in the series' own units instead.
      return [
        rawValue, "\(encoder), \(bridge), linear output", units, "\(config.maxInputLength) values→\(config.maxOutputLength)",
        parameters, "-", "-",
        validation?.forecast.map {
          String(format: "%.3f (last value %.3f)", $0.rootMeanSquaredError, $0.naiveRootMeanSquaredError)
        } ?? "-",
      ]
    case .tokens:
      let words = config.inputVocabulary.unit == .word ? ", words through Embedding(\(config.encoder.embeddingSize ?? 0))" : ""
      return [
        rawValue, "\(encoder), \(bridge)\(config.reverseInput ? ", reversed input" : "")\(words)", units,
        "\(config.inputVocabulary.count)→\(config.outputVocabulary.count)", parameters,
        validation?.exactMatch.map { String(format: "%.1f%%", 100 * $0) } ?? "-",
        validation.map { validation in
          validation.freeRunningCharacterAccuracy.map { String(format: "%.1f%%", 100 * $0) }
            ?? String(format: "%.1f%% (teacher-forced)", 100 * validation.teacherForcedCharacterAccuracy)
        } ?? "-", "-",
      ]
    }
  }
}
