import ArgumentParser
import Foundation
import Trace

extension Unrolled {
  /// `unrolled models`: the built-in models, their architectures and how well they learned.
  struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the built-in models: architecture, sizes, parameters and validation accuracy.")

    func run() throws {
      var rows = [
        ["name", "architecture", "units", "tokens in→out", "parameters", "exact match", "per character", "forecast RMSE"]
      ]
      for builtIn in BuiltInModel.allCases {
        guard builtIn.checkpointURL != nil else {
          rows.append([builtIn.rawValue, "not trained yet (make models)", "", "", "", "", "", ""])
          continue
        }
        let model = try builtIn.load()
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
        let words = config.inputVocabulary.unit == .word ? ", words through Embedding(\(config.encoder.embeddingSize ?? 0))" : ""
        let validation = try builtIn.history()?.epochs.last?.validation
        if kind.series != nil {
          // Numbers in and out: no tokens to match, an error in the series' own units instead.
          rows.append([
            builtIn.rawValue, "\(encoder), \(bridge), linear output",
            "\(config.encoder.units)/\(config.decoder.units)",
            "\(config.maxInputLength) values→\(config.maxOutputLength)",
            ModelSummary.grouped(model.parameterCount), "-", "-",
            validation?.forecast.map {
              String(format: "%.3f (last value %.3f)", $0.rootMeanSquaredError, $0.naiveRootMeanSquaredError)
            } ?? "-",
          ])
          continue
        }
        rows.append([
          builtIn.rawValue, "\(encoder), \(bridge)\(config.reverseInput ? ", reversed input" : "")\(words)",
          "\(config.encoder.units)/\(config.decoder.units)",
          "\(config.inputVocabulary.count)→\(config.outputVocabulary.count)",
          ModelSummary.grouped(model.parameterCount),
          validation?.exactMatch.map { String(format: "%.1f%%", 100 * $0) } ?? "-",
          validation.map { validation in
            validation.freeRunningCharacterAccuracy.map { String(format: "%.1f%%", 100 * $0) }
              ?? String(format: "%.1f%% (teacher-forced)", 100 * validation.teacherForcedCharacterAccuracy)
          } ?? "-", "-",
        ])
      }
      let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
      for row in rows {
        print(
          zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
            .trimmingCharacters(in: .whitespaces))
      }
      print(
        "\nExact match and per-character accuracy (per word, for a word-level model) are measured on each task's held-out validation examples, decoding free-running."
          + "\nForecast RMSE is a series model's root mean squared error on held-out series, next to repeating the last value read."
      )
      print(
        "A model with a bidirectional decoder cannot decode free-running: it has no exact match, and its per-character accuracy is teacher-forced."
      )
    }
  }
}
