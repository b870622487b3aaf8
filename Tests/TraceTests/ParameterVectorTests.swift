import Testing

@testable import Trace
@testable import TraceCore

@Suite("Parameter vector")
struct ParameterVectorTests {
  static let architectures = [
    "repeat-lstm", "repeat-bidirectional-concat", "state-bidirectional", "state-words-embedded",
    "repeat-conditioned", "state-bidirectional-decoder",
  ]

  @Test("setting the vector writes every weight and leaves earlier copies of the model as they were", arguments: architectures)
  func settingWritesOnlyThisModel(name: String) throws {
    var model = try ModelFactory.tiny(name)
    let before = model
    var generator = SeededGenerator(seed: 8)
    let vector = model.parameterVector.map { _ in generator.uniform(-1, 1) }
    model.parameterVector = vector
    #expect(model.parameterVector == vector)
    #expect(before.parameterVector != vector)
    #expect(before == (try ModelFactory.tiny(name)), "the copy taken before still holds the old weights")
    #expect(model.configuration == before.configuration)
    #expect(model.parameterTensors.map(\.name) == before.parameterTensors.map(\.name), "the same layers, in the same order")
  }

  @Test("work cut at a flat index reaches exactly the tensors that hold it")
  func overlapsOfAFlatRange() {
    var seen: [(Int, Range<Int>, Int)] = []
    forEachOverlap(ofTensorSizes: [3, 5, 0, 2], with: 2..<9) { seen.append(($0, $1, $2)) }
    #expect(seen.map(\.0) == [0, 1, 3])
    #expect(seen.map(\.1) == [2..<3, 0..<5, 0..<1])
    #expect(seen.map(\.2) == [2, 3, 8])
    var none = 0
    forEachOverlap(ofTensorSizes: [3, 5], with: 8..<8) { _, _, _ in none += 1 }
    #expect(none == 0)
  }
}
