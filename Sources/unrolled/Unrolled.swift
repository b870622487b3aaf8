import ArgumentParser
import Foundation
import Trace

/// The `unrolled` command: trace, train and publish LSTM encoder-decoders.
@main
struct Unrolled: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unrolled",
    abstract: "Step through a real LSTM encoder-decoder, one timestep at a time.",
    version: version,
    subcommands: [
      TraceCommand.self, SummaryCommand.self, ModelsCommand.self, TrainCommand.self, SiteCommand.self, WalkthroughCommand.self,
    ])

  /// The version printed by `--version` and on the site's about page.
  static let version = "0.1.0"

  /// Runs the command; a failure prints one line on stderr (no usage dump, no stack
  /// trace) and exits non-zero.
  static func main() {
    BLASThreading.useOneThreadFromTheStart()
    FreedMemoryRetention.keepForReuse()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      guard code != .success else { exit(withError: error) }  // --help and --version
      // A Codable error not turned into words nearer its file would print as a dump; a message
      // may quote a checkpoint's name or tokens: its control characters are escaped.
      let text = (error as? DecodingError)?.summary ?? message(for: error)
      let message = TerminalText.escaped(text.trimmingCharacters(in: .whitespacesAndNewlines))
      FileHandle.standardError.write(Data("unrolled: \(message.isEmpty ? "failed" : message)\n".utf8))
      Foundation.exit(code.rawValue)
    }
  }
}
