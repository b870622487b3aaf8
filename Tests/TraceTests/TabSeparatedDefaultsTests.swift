import Testing

@testable import Trace
@testable import TraceCore

@Suite("Defaults for training on a tab-separated file")
struct TabSeparatedDefaultsTests {
  @Test(
    "units and epochs follow the number of pairs",
    arguments: [
      // pairs, units, epochs: 240 training pairs are 4 batches an epoch, 1,200 batches 300 epochs
      (300, 64, 300), (999, 64, 93), (1_000, 128, 93), (2_000, 128, 50), (9_999, 128, 50), (10_000, 256, 50),
      (1, 64, 300),
    ])
  func byPairCount(pairs: Int, units: Int, epochs: Int) {
    let defaults = TabSeparatedDefaults(pairCount: pairs)
    #expect(defaults.units == units)
    #expect(defaults.epochs == epochs)
    #expect(TabSeparatedDefaults.epochRange.contains(defaults.epochs))
  }

  @Test("a fifth of the pairs is held out, as in the Keras example, with Adam and batches of 64")
  func fixedChoices() {
    #expect(TabSeparatedDefaults.validationFraction == 0.2)
    #expect(TabSeparatedDefaults.optimizer == .adam)
    #expect(TabSeparatedDefaults.batchSize == 64)
  }
}
