// Training throughput of unrolled on a fixed model shape: seeded synthetic data, a warm-up
// epoch, then timed epochs; prints one JSON line. bench/keras_training.py does the same
// work in Keras 3 and bench/run.sh puts the two side by side (docs/performance.md).
//
//   bench-training --shape addition --epochs 30
//   bench-training --shape lstm-seq2seq --samples 640 --epochs 2 --blas-threads 2

import ArgumentParser
import Foundation
import Trace

/// `bench-training`: trains one shape and prints its throughput as one JSON line.
@main
struct BenchTraining: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-training",
    abstract: "Measure training throughput (samples per second) on a fixed model shape.")

  @Option(help: "addition or lstm-seq2seq.")
  var shape: BenchmarkShape = .addition

  @Option(help: "Samples per epoch (default: 1000 for addition, 640 for lstm-seq2seq).")
  var samples: Int?

  @Option(help: "Timed epochs.")
  var epochs: Int = 10

  @Option(name: .customLong("warmup-epochs"), help: "Epochs run before the clock starts.")
  var warmupEpochs: Int = 1

  @Option(help: "Seed of the data and the weights.")
  var seed: UInt64 = 1

  @Option(name: .customLong("blas-threads"), help: "OpenBLAS threads (default: what the trainer chooses).")
  var blasThreads: Int?

  func validate() throws {
    if epochs < 1 { throw ValidationError("--epochs must be at least 1, for example 10") }
    if warmupEpochs < 0 { throw ValidationError("--warmup-epochs must be 0 or more") }
    if let samples, samples < 1 { throw ValidationError("--samples must be at least 1, for example 1000") }
    if let blasThreads, blasThreads < 1 { throw ValidationError("--blas-threads must be at least 1") }
  }

  func run() throws {
    // The process-wide settings, as `unrolled` makes them; --blas-threads overrides below.
    BLASThreading.useOneThreadFromTheStart()
    FreedMemoryRetention.keepForReuse()
    let sampleCount = samples ?? shape.defaultSamples
    var generator = SeededGenerator(seed: seed)
    let examples = shape.examples(count: sampleCount, generator: &generator)
    let model = try Seq2SeqModel(configuration: shape.configuration, seed: seed)
    // One epoch per call, so the warm-up and the timed epochs share the optimizer's state,
    // as Keras's two fit calls do.
    var trainer = try Trainer(
      model: model, options: TrainingOptions(epochs: 1, batchSize: shape.batchSize, seed: seed, optimizer: .adam, probeEpochs: [])
    )
    if let blasThreads { BLASThreading.setThreadCount(blasThreads) }
    for _ in 0..<warmupEpochs { _ = try trainer.train(on: examples) }
    let clock = ContinuousClock()
    let started = clock.now
    var loss: Float = 0
    for _ in 0..<epochs { loss = try trainer.train(on: examples).epochs.last?.trainingLoss ?? 0 }
    let elapsed = clock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    let result: [String: Any] = [
      "implementation": "unrolled", "shape": shape.rawValue, "batch_size": shape.batchSize,
      "samples_per_epoch": sampleCount, "epochs": epochs, "seconds": seconds,
      "samples_per_second": Double(sampleCount * epochs) / seconds, "final_loss": Double(loss),
      "blas_threads": BLASThreading.threadCount,
    ]
    let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
  }
}
