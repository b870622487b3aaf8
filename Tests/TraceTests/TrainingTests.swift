import Testing

/// Every test of learning: gradient checks, gradients against Keras, optimizers and the
/// trainer, grouped so `swift test --filter TrainingTests` runs exactly them.
@Suite("Training")
enum TrainingTests {}
