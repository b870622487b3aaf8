import ArgumentParser

/// The `unrolled` command: trace, train and publish LSTM encoder-decoders.
@main
struct Unrolled: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unrolled",
    abstract: "Step through a real LSTM encoder-decoder, one timestep at a time.",
    subcommands: [])
}
