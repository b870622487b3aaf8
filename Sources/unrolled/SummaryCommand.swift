import ArgumentParser
import Trace

extension Unrolled {
  /// `unrolled summary`: a Keras-style table of a model's layers and parameters.
  struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "summary",
      abstract: "Print a model's layers, output shapes and parameter counts, as Keras does.")

    @OptionGroup var modelOptions: ModelOptions

    func run() throws {
      print(ModelSummary(try modelOptions.load()).table, terminator: "")
    }
  }
}
