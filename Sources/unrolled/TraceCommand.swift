import ArgumentParser
import Foundation
import Site
import Trace

extension Unrolled {
  /// `unrolled trace`: record one input through a model, step by step.
  struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record every encoder and decoder step of one input.",
      discussion: """
        Examples:
          unrolled trace --model addition "23+19"
          unrolled trace --model dates "22 Nov 2026" --target 2026-11-22 --format json --out trace.json
        """)

    /// The output formats of a trace.
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text, json, html
    }

    @OptionGroup var modelOptions: ModelOptions

    @Argument(help: "The text the encoder reads.")
    var input: String

    @Option(help: "The expected output: adds a teacher-forced decode beside the free-running one.")
    var target: String?

    @Option(help: "text (a table for the terminal), json (the trace format) or html (one self-contained page).")
    var format: Format = .text

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    func run() throws {
      let model = try modelOptions.load()
      let trace = try model.trace(input: input, target: target)
      switch format {
      case .text: try OutputFile.write(Data(trace.textTable.utf8), to: out)
      case .json: try OutputFile.write(trace.jsonData(pretty: true) + Data("\n".utf8), to: out)
      case .html: try OutputFile.write(Data(try PageRenderer().standaloneTracePage(trace).utf8), to: out)
      }
    }
  }
}
