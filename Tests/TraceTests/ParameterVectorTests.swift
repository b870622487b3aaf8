import Testing

@testable import Trace

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
}
