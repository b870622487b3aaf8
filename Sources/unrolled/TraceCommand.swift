import ArgumentParser
import Foundation
import Site
import Trace

extension Unrolled {
  /// `unrolled trace`: record one input through a model, step by step.
  struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "trace",
      abstract: "Record every encoder and decoder step of one input.",
      discussion: """
        Examples:
          unrolled trace --model addition "23+19"
          unrolled trace --model dates "22 Nov 2026" --target 2026-11-22 --format json --out trace.json
          unrolled trace --model sines "0.1,0.4,0.6,..."        (a forecaster reads comma-separated numbers)
          unrolled trace --model sines --example 3 --format html --out forecast.html
        """)

    /// The output formats of a trace.
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text, json, html
    }

    @OptionGroup var modelOptions: ModelOptions

    @Argument(help: "The text the encoder reads (for a series model, numbers separated by commas).")
    var input: String?

    // Unconditional, so `--example -1` reaches the transform and is answered in words
    // rather than as a missing value.
    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "Series models: trace a generated noisy sum of sines (with its true next values) drawn from this seed, a whole number from 0, instead of an input.",
        valueName: "seed"),
      transform: TraceCommand.exampleSeed)
    var example: UInt64?

    @Option(help: "The expected output: adds a teacher-forced decode beside the free-running one.")
    var target: String?

    @Option(help: "text (a table for the terminal), json (the trace format) or html (one self-contained page).")
    var format: Format = .text

    @Option(
      help: ArgumentHelp(
        "With --format html: the page's WebAssembly module (Scripts/build-wasm.sh), inlined with the checkpoint so the page traces a reader's own input (about a megabyte more).",
        valueName: "file"))
    var liveModule: String?

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    /// A seed for `--example`: a whole number from 0, refused in words otherwise.
    static func exampleSeed(_ text: String) throws -> UInt64 {
      guard let seed = UInt64(text) else {
        throw ValidationError(
          "give a non-negative whole number (0, 1, 2, …): the seed of the generated series")
      }
      return seed
    }

    func validate() throws {
      switch (input, example) {
      case (nil, nil):
        throw ValidationError(
          "give the text to read, or --example N for a generated series (an input that starts with '-' goes after --, as in: trace --model sines -- -0.5,0.1,...)"
        )
      case (.some, .some): throw ValidationError("give either an input or --example, not both")
      case (nil, .some) where target != nil: throw ValidationError("--example brings its own target: leave out --target")
      default: break
      }
      if liveModule != nil && format != .html {
        throw ValidationError("--live-module adds an input field to an html page: use it with --format html")
      }
      try CommandOutput.validate(out, example: "trace.\(format.rawValue == "text" ? "txt" : format.rawValue)")
    }

    func run() throws {
      let model = try modelOptions.load()
      var input = self.input ?? ""
      var target = self.target
      if let example {
        let config = model.configuration
        guard config.series != nil, config.valuesPerStep == 1 else {
          throw ValidationError("--example generates a series: the \(config.name) model reads text, give it an input instead")
        }
        let generated = Dataset.sineSeriesExample(
          seed: example, inputLength: config.maxInputLength, outputLength: config.maxOutputLength)
        input = generated.source
        target = generated.target
      }
      let trace = try model.trace(input: input, target: target)
      // An input outside what a built-in model was trained on still gets an answer: say so.
      let outside = modelOptions.model.flatMap(BuiltInModel.init(rawValue:))?.outsideTrainingNotice(for: input)
      if let outside { FileHandle.standardError.write(Data("note: \(outside)\n".utf8)) }
      switch format {
      case .text: try CommandOutput.write(Data(trace.textTable.utf8), to: out)
      case .json: try CommandOutput.write(trace.jsonData(pretty: true) + Data("\n".utf8), to: out)
      case .html:
        let live = try liveModule.map { path -> LiveTracePage in
          guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("--live-module: cannot read \(path); build it with Scripts/build-wasm.sh \(path)")
          }
          return LiveTracePage(
            name: model.configuration.name, configuration: model.configuration, input: input, target: target,
            module: [UInt8](data), checkpoint: try model.checkpoint().serialized(),
            domain: modelOptions.model.flatMap(BuiltInModel.init(rawValue:))?.trainingDomain ?? .anything)
        }
        try CommandOutput.write(
          Data(try PageRenderer().standaloneTracePage(trace, outsideTraining: outside, live: live).utf8), to: out)
      }
    }
  }
}
