import ArgumentParser
import Foundation
import Trace

extension Unrolled {
  /// `unrolled models`: the built-in models, their architectures and how well they learned.
  struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the built-in models: architecture, sizes, parameters and validation accuracy.")

    func run() throws {
      var rows = [["name", "architecture", "units", "tokens in→out", "parameters", "exact match", "per character"]]
      for builtIn in BuiltInModel.allCases {
        guard builtIn.checkpointURL != nil else {
          rows.append([builtIn.rawValue, "not trained yet (make models)", "", "", "", "", ""])
          continue
        }
        let model = try builtIn.load()
        let config = model.configuration
        var encoder = config.encoder.bidirectional ? "bidirectional LSTM (\(config.encoder.mergeMode.rawValue))" : "LSTM"
        if config.encoder.bidirectional, config.encoder.backwardActivation != config.encoder.activation {
          encoder += ", \(config.encoder.backwardActivation.rawValue) backward layer"
        }
        if config.decoder.bidirectional { encoder += ", bidirectional decoder (teacher-forced only)" }
        let bridge = config.bridge == .states ? "state bridge" : "repeat bridge"
        let validation = try builtIn.history()?.epochs.last?.validation
        rows.append([
          builtIn.rawValue, "\(encoder), \(bridge)\(config.reverseInput ? ", reversed input" : "")",
          "\(config.encoder.units)/\(config.decoder.units)",
          "\(config.inputVocabulary.count)→\(config.outputVocabulary.count)",
          ModelSummary.grouped(model.parameterCount),
          validation?.exactMatch.map { String(format: "%.1f%%", 100 * $0) } ?? "-",
          validation.map { validation in
            validation.freeRunningCharacterAccuracy.map { String(format: "%.1f%%", 100 * $0) }
              ?? String(format: "%.1f%% (teacher-forced)", 100 * validation.teacherForcedCharacterAccuracy)
          } ?? "-",
        ])
      }
      let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
      for row in rows {
        print(
          zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
            .trimmingCharacters(in: .whitespaces))
      }
      print(
        "\nExact match and per-character accuracy are measured on each task's held-out validation examples, decoding free-running."
      )
      print(
        "A model with a bidirectional decoder cannot decode free-running: it has no exact match, and its per-character accuracy is teacher-forced."
      )
    }
  }
}
