import ArgumentParser
import Figures
import Foundation
import Site
import Trace

extension Unrolled {
  /// `unrolled walkthrough`: a deck for one input, to present on a projector or to print.
  struct WalkthroughCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "walkthrough",
      abstract: "Write a self-contained slide deck that walks one input through a model.",
      discussion: """
        The deck opens in present mode: one step per slide, keys to move, notes, and a \
        predict slide before each decoder step. Printed, it gives one step per page with \
        its narration; --handout writes a version that opens as a page, ready to print.

        Examples:
          unrolled walkthrough --model addition "23+19" --target 42 --out addition.html
          unrolled walkthrough --checkpoint dates.safetensors "22 Nov 2026" --handout --out handout.html
        """)

    @OptionGroup var modelOptions: ModelOptions

    @Argument(help: "The text the encoder reads.")
    var input: String

    @Option(help: "The expected output: adds teacher-forced decoder slides before the free-running ones.")
    var target: String?

    @Option(help: "The unit whose arithmetic each step works out.")
    var unit: Int = 0

    @Flag(help: "Write the printable handout (opens as a page) instead of the deck.")
    var handout = false

    @Option(help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var out: String?

    @Option(
      help: ArgumentHelp(
        "The page's WebAssembly module (Scripts/build-wasm.sh), inlined with the checkpoint so that present mode's class input (I) rebuilds the deck for the room's input (about a megabyte more).",
        valueName: "file"))
    var liveModule: String?

    func validate() throws {
      guard unit >= 0 else { throw ValidationError("--unit counts from 0; try --unit 0") }
      try CommandOutput.validate(out, example: handout ? "handout.html" : "deck.html")
    }

    func run() throws {
      let model = try modelOptions.load()
      // A layer smaller than --unit works out its own last unit instead (LSTMCellFigure).
      let widest = max(model.configuration.encoder.units, model.configuration.decoder.units)
      guard unit < widest else { throw ValidationError("--unit \(unit) is past the model's units; choose 0 to \(widest - 1)") }
      let trace = try model.trace(input: input, target: target)
      let live = try liveModule.map { path -> LiveTracePage in
        guard let data = FileManager.default.contents(atPath: path) else {
          throw ValidationError("--live-module: cannot read \(path); build it with Scripts/build-wasm.sh \(path)")
        }
        return LiveTracePage(
          name: model.configuration.name, configuration: model.configuration, input: input, target: target,
          module: [UInt8](data), checkpoint: try model.checkpoint().serialized(),
          domain: modelOptions.model.flatMap(BuiltInModel.init(rawValue:))?.trainingDomain ?? .anything, deck: true,
          unit: unit)
      }
      let html = try PageRenderer().walkthroughDeck(Walkthrough(trace: trace, unit: unit), handout: handout, live: live)
      try CommandOutput.write(Data(html.utf8), to: out)
    }
  }
}
