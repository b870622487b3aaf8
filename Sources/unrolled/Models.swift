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
        let encoder = config.encoder.bidirectional ? "bidirectional LSTM (\(config.encoder.mergeMode.rawValue))" : "LSTM"
        let bridge =
          config.bridge == .states
          ? "state bridge" : config.isConditionedRepeat ? "repeat bridge, conditioned decoder" : "repeat bridge"
        let words = config.inputVocabulary.unit == .word ? ", words through Embedding(\(config.encoder.embeddingSize ?? 0))" : ""
        let validation = try builtIn.history()?.epochs.last?.validation
        rows.append([
          builtIn.rawValue, "\(encoder), \(bridge)\(config.reverseInput ? ", reversed input" : "")\(words)",
          "\(config.encoder.units)/\(config.decoder.units)",
          "\(config.inputVocabulary.count)→\(config.outputVocabulary.count)",
          ModelSummary.grouped(model.parameterCount),
          validation.map { String(format: "%.1f%%", 100 * $0.exactMatch) } ?? "-",
          validation.map { String(format: "%.1f%%", 100 * $0.freeRunningCharacterAccuracy) } ?? "-",
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
      )
    }
  }
}
