import ArgumentParser
import Trace

extension Unrolled {
  /// `unrolled models`: the built-in models, their architectures and how well they learned.
  struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "models",
      abstract: "List the built-in models: architecture, sizes, parameters and validation accuracy.")

    func run() throws {
      print(try BuiltInModel.catalogTable(), terminator: "")
    }
  }
}
