import ArgumentParser
import Foundation
import Trace

extension Unrolled {
  /// `unrolled train`: train a model with teacher forcing and write its checkpoint.
  struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "train",
      abstract: "Train a model with teacher forcing and write its checkpoint and history.",
      discussion: """
        The checkpoint (and NAME.history.json beside it) is written only when training ends
        well; Ctrl-C or a NaN loss stops with a message and leaves earlier files as they were.

        Examples:
          unrolled train --task addition --epochs 50 --out addition.safetensors
          unrolled train --data pairs.tsv                (defaults chosen by the number of pairs)
          unrolled train --data fra.txt --units 256 --epochs 100 --optimizer rmsprop

        --data defaults, by the number of pairs in the file: \(TabSeparatedDefaults.summary).
        """)

    @Option(
      help: ArgumentHelp("A built-in task: \(BuiltInModel.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "name"))
    var task: String?

    @Option(
      help: ArgumentHelp(
        "A tab-separated file of source<TAB>target lines (the Keras example's fra.txt layout).", valueName: "file"))
    var data: String?

    @Option(
      help:
        "Passes over the training data; 0 writes the untrained model (default: the task's recipe; for --data, about 1,200 batches, 50 to 300 epochs)."
    )
    var epochs: Int?

    @Option(help: "Examples per mini-batch (default: the recipe's, or \(TabSeparatedDefaults.batchSize) for --data).")
    var batch: Int?

    @Option(help: "The seed of shuffling and sampling (default: the recipe's, or 0).")
    var seed: UInt64?

    @Option(help: "adam or rmsprop, with Keras's defaults (default: the recipe's, or adam for --data).")
    var optimizer: OptimizerKind?

    @Option(
      name: .customLong("teacher-forcing"),
      help: "The probability of feeding the true previous token (1 = always; below 1 = scheduled sampling).")
    var teacherForcing: Double?

    @Flag(help: "Let the encoder read the source reversed (Sutskever et al. 2014).")
    var reverseInput = false

    @Option(help: "Units of the encoder and decoder for --data (default: 64 below 1,000 pairs, 128 below 10,000, else 256).")
    var units: Int?

    @Option(help: ArgumentHelp("The checkpoint to write (default NAME.safetensors).", valueName: "file"))
    var out: String?

    func validate() throws {
      if (task == nil) == (data == nil) {
        throw ValidationError(
          "choose what to learn: --task \(BuiltInModel.allCases.map(\.rawValue).joined(separator: "|")) or --data FILE")
      }
      if let task, BuiltInModel(rawValue: task) == nil {
        throw ValidationError(
          "unknown task '\(task)'; the built-in tasks are \(BuiltInModel.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      try CommandOutput.validate(out, example: "model.safetensors")
      let counts: [(Int?, ClosedRange<Int>, String)] = [
        (epochs, ModelLimits.epochs, "--epochs"), (batch, ModelLimits.batchSize, "--batch"),
        (units, ModelLimits.units, "--units"),
      ]
      for (value, limit, option) in counts {
        if let value, let message = ModelLimits.problem(value, in: limit, naming: option) {
          throw ValidationError(message)
        }
      }
      if let teacherForcing, !(0...1).contains(teacherForcing) {
        throw ValidationError("--teacher-forcing must be between 0 and 1, for example 0.75")
      }
    }

    func run() throws {
      var recipe = try makeRecipe()
      if let epochs { recipe.options.epochs = epochs }
      if let batch { recipe.options.batchSize = batch }
      if let seed { recipe.options.seed = seed }
      if let optimizer { recipe.options.optimizer = optimizer }
      if let teacherForcing { recipe.options.teacherForcingRatio = teacherForcing }
      recipe.options.probeEpochs = recipe.options.probeEpochs.filter { $0 <= recipe.options.epochs }

      let config = recipe.configuration
      if let data {
        // What was chosen for this file, defaults by its size included, before the long wait.
        let options = recipe.options
        let pairs = recipe.dataset.training.count + recipe.dataset.validation.count
        FileHandle.standardError.write(
          Data(
            "\(data): \(pairs) pairs, \(recipe.dataset.validation.count) held out for validation; \(config.encoder.units) units, \(options.epochs) epoch\(options.epochs == 1 ? "" : "s"), \(options.optimizer.rawValue), batches of \(options.batchSize)\n"
              .utf8))
      }
      let outURL = URL(fileURLWithPath: out ?? "\(config.name).safetensors")
      let historyURL = outURL.deletingPathExtension().appendingPathExtension("history.json")
      try CommandOutput.check([outURL.relativePath, historyURL.relativePath])
      let model = try Seq2SeqModel(configuration: config, seed: recipe.weightSeed)
      func examples(_ list: [Example]) throws -> [TrainingExample] {
        try list.map { try TrainingExample(source: $0.source, target: $0.target, configuration: config) }
      }
      var trainer = try Trainer(model: model, options: recipe.options)
      let cancellation = TrainingCancellation()
      InterruptHandler.install(cancellation)
      let reporter = ProgressReporter(
        name: config.name, parameters: model.parameterCount, examples: recipe.dataset.training.count)
      let started = Date()
      let history = try trainer.train(
        on: try examples(recipe.dataset.training), validation: try examples(recipe.dataset.validation),
        probes: recipe.probes, cancellation: cancellation
      ) { reporter.update($0) }
      reporter.finish()
      if case .cancelled(let epoch, _) = history.stop {
        let kept =
          FileManager.default.fileExists(atPath: outURL.path)
          ? "\(outURL.lastPathComponent) was left as it was" : "nothing was written"
        throw ValidationError("training stopped by Ctrl-C during epoch \(epoch); \(kept)")
      }
      let checkpoint: [UInt8]
      do {
        checkpoint = try trainer.model.checkpoint(history: historyURL.lastPathComponent).serialized()
      } catch {
        throw error.inFile(outURL.relativePath)
      }
      // One unit: neither file is replaced unless both were written.
      try CommandOutput.writeTogether([
        (data: Data(checkpoint), path: outURL.relativePath), (data: try history.jsonData(), path: historyURL.relativePath),
      ])
      let last = history.epochs.last?.validation
      let summary =
        last.map { metrics in
          metrics.forecast.map {
            String(
              format: "validation RMSE %.4f (repeating the last value: %.4f)", $0.rootMeanSquaredError,
              $0.naiveRootMeanSquaredError)
          }
            ?? metrics.exactMatch.map { String(format: "validation exact match %.1f%%, loss %.4f", 100 * $0, metrics.loss) }
            ?? String(
              format: "validation teacher-forced character accuracy %.1f%%, loss %.4f",
              100 * metrics.teacherForcedCharacterAccuracy, metrics.loss)
        }
        ?? (history.epochs.isEmpty ? "untrained (0 epochs: the seed's initial weights)" : "no validation set")
      FileHandle.standardError.write(
        Data(
          "wrote \(outURL.path) and \(historyURL.lastPathComponent): \(summary), \(String(format: "%.0f", Date().timeIntervalSince(started))) s\n"
            .utf8))
    }

    private func makeRecipe() throws -> TrainingRecipe {
      if let task, let builtIn = BuiltInModel(rawValue: task) {
        var recipe = builtIn.recipe()
        if reverseInput { recipe.configuration.reverseInput = true }
        return recipe
      }
      let path = data ?? ""
      let dataset = try Dataset.tabSeparated(
        contentsOfFile: path, validationFraction: TabSeparatedDefaults.validationFraction, seed: seed ?? 0)
      let defaults = TabSeparatedDefaults(pairCount: dataset.training.count + dataset.validation.count)
      let alphabet = dataset.alphabet
      let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
      let configuration = Seq2SeqConfiguration.stateBridge(
        name: name, source: alphabet.source, target: alphabet.target, dataset: dataset,
        encoder: EncoderConfiguration(units: units ?? defaults.units), reverseInput: reverseInput)
      let probes = dataset.validation.prefix(3).map { ProbeExample(input: $0.source, target: $0.target) }
      return TrainingRecipe(
        configuration: configuration, dataset: dataset,
        options: TrainingOptions(
          epochs: defaults.epochs, batchSize: TabSeparatedDefaults.batchSize, seed: seed ?? 0,
          optimizer: TabSeparatedDefaults.optimizer),
        weightSeed: seed ?? 0, probes: Array(probes))
    }
  }
}

/// Turns the first Ctrl-C into a request to stop between batches; a second one exits at once.
enum InterruptHandler {
  nonisolated(unsafe) private static var cancellation: TrainingCancellation?

  static func install(_ cancellation: TrainingCancellation) {
    Self.cancellation = cancellation
    signal(SIGINT) { _ in
      if let cancellation = InterruptHandler.cancellation, !cancellation.isCancelled {
        cancellation.cancel()
      } else {
        _exit(130)
      }
    }
  }
}

/// Training progress on stderr: a bar redrawn in place on a terminal, one line per epoch otherwise.
final class ProgressReporter {
  private let isTerminal = isatty(STDERR_FILENO) == 1
  private let started = Date()
  private var lastEpochPrinted = 0
  private var lastDraw = Date.distantPast

  init(name: String, parameters: Int, examples: Int) {
    write("training \(name): \(ModelSummary.grouped(parameters)) parameters, \(examples) training examples\n")
  }

  func update(_ progress: TrainingProgress) {
    let elapsed = Date().timeIntervalSince(started)
    let done = Double(progress.epoch - 1) + Double(progress.batch) / Double(progress.batchCount)
    let left = done > 0 ? elapsed / done * (Double(progress.epochCount) - done) : 0
    if isTerminal {
      guard Date().timeIntervalSince(lastDraw) > 0.1 || progress.batch == progress.batchCount else { return }
      lastDraw = Date()
      let width = 24
      let filled = Int(Double(width) * Double(progress.batch) / Double(progress.batchCount))
      let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
      write(
        String(
          format: "\r\u{1B}[Kepoch %d/%d %@ batch %d/%d  loss %.4f%@  %@ left", progress.epoch, progress.epochCount, bar,
          progress.batch, progress.batchCount, progress.epochLoss, Self.accuracy(progress), Self.duration(left)))
    } else if progress.batch == progress.batchCount && progress.epoch > lastEpochPrinted {
      lastEpochPrinted = progress.epoch
      write(
        String(
          format: "epoch %d/%d  loss %.4f%@  %@ elapsed, %@ left\n", progress.epoch, progress.epochCount,
          progress.epochLoss, Self.accuracy(progress), Self.duration(elapsed), Self.duration(left)))
    }
  }

  func finish() {
    if isTerminal { write("\n") }
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// The epoch's training accuracy so far, as Keras's progress bar shows it; nothing for a
  /// series model.
  private static func accuracy(_ progress: TrainingProgress) -> String {
    progress.epochAccuracy.map { String(format: "  accuracy %.1f%%", 100 * $0) } ?? ""
  }

  private static func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
  }
}

extension OptimizerKind: ExpressibleByArgument {}
