import ArgumentParser
import Foundation
import Trace

/// The options that choose a model: a built-in name or a checkpoint file.
struct ModelOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("A built-in model.", valueName: "name"))
  var model: String?

  @Option(name: .long, help: ArgumentHelp("A checkpoint file (.safetensors).", valueName: "file"))
  var checkpoint: String?

  /// Loads the chosen model. The choice is checked here rather than in `validate()` so
  /// that a mistyped option is reported as such before a missing model is.
  func load() throws -> Seq2SeqModel {
    let names = BuiltInModel.allCases.map(\.rawValue)
    switch (model, checkpoint) {
    case (nil, nil):
      throw ValidationError("choose a model: --model \(names.joined(separator: "|")) or --checkpoint FILE")
    case (.some, .some):
      throw ValidationError("give either --model or --checkpoint, not both")
    case (.some(let name), nil):
      guard let builtIn = BuiltInModel(rawValue: name) else {
        throw ValidationError("unknown model '\(name)'; the built-in models are \(names.joined(separator: ", "))")
      }
      return try builtIn.load()
    case (nil, .some(let path)):
      do {
        return try Seq2SeqModel(checkpointAt: URL(fileURLWithPath: path))
      } catch {
        // Named as typed, folders and all: `models/x.safetensors`, not `x.safetensors`.
        throw CheckpointError(error.problem, file: path)
      }
    }
  }
}
