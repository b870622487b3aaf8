import Testing

@testable import Trace
@testable import TraceCore

extension DatasetTests {
  @Suite("autoencoder")
  struct Autoencoder {
    static let dataset = Dataset.builtIn(.autoencoder, seed: 1)

    @Test("4,500 training and 500 validation strings, each its own target")
    func sizesAndTargets() {
      #expect(Self.dataset.training.count == 4_500)
      #expect(Self.dataset.validation.count == 500)
      for example in Self.dataset.training + Self.dataset.validation {
        #expect(example.source == example.target)
        #expect(example.source.count == 5 && example.source.allSatisfy { "abcdefgh".contains($0) })
      }
    }

    @Test("no string appears twice, so no validation string is a training string")
    func noRepeats() {
      let all = (Self.dataset.training + Self.dataset.validation).map(\.source)
      #expect(Set(all).count == all.count)
    }
  }
}
