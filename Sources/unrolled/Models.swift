import ArgumentParser
import Trace

extension Unrolled {
  /// `unrolled models`: the built-in models.
  struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the built-in models.")

    func run() throws {
      var rows = [["name", "architecture", "sizes", "parameters"]]
      for builtIn in BuiltInModel.allCases {
        let model = try builtIn.load()
        let config = model.configuration
        let encoder = config.encoder.bidirectional ? "bidirectional LSTM (\(config.encoder.mergeMode.rawValue))" : "LSTM"
        let bridge = config.bridge == .states ? "state bridge" : "repeat bridge"
        rows.append([
          builtIn.rawValue, "\(encoder), \(bridge)",
          "\(config.encoder.units)/\(config.decoder.units) units, \(config.inputVocabulary.count)→\(config.outputVocabulary.count) tokens",
          ModelSummary.grouped(model.parameterCount),
        ])
      }
      let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
      for row in rows {
        print(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
      }
    }
  }
}

import Foundation
