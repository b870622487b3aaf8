import Testing

@testable import Trace
@testable import TraceCore

/// A model's kind is one value computed from its configuration; a trace's model description
/// gives the same kind back, so the pages and the CLI decide by the same value.
@Suite("ModelKind: the closed set of architectures as one value")
struct ModelKindTests {
  @Test(
    "each built-in model is the kind its lessons describe",
    arguments: [
      (
        BuiltInModel.addition,
        ModelKind(encoder: .oneDirection, decoderInput: .repeatedEncoding, decoderOutput: .tokens, decoding: .freeRunning)
      ),
      (
        .dates,
        ModelKind(
          encoder: .bothDirections(mergeMode: .concat, backwardActivation: nil), decoderInput: .previousToken,
          decoderOutput: .tokens, decoding: .freeRunning)
      ),
      (
        .phrasebook,
        ModelKind(encoder: .oneDirection, decoderInput: .previousToken, decoderOutput: .tokens, decoding: .freeRunning)
      ),
      (
        .autoencoderConditioned,
        ModelKind(
          encoder: .oneDirection, decoderInput: .repeatedEncodingAndPreviousToken, decoderOutput: .tokens, decoding: .freeRunning)
      ),
      (
        .sines,
        ModelKind(
          encoder: .oneDirection, decoderInput: .repeatedEncoding, decoderOutput: .values(SeriesConfiguration()),
          decoding: .freeRunning)
      ),
      (
        .datesBidirectionalDecoder,
        ModelKind(
          encoder: .bothDirections(mergeMode: .concat, backwardActivation: .relu), decoderInput: .previousToken,
          decoderOutput: .tokens, decoding: .teacherForcedOnly(.bidirectionalDecoder))
      ),
    ])
  func builtInKinds(model: BuiltInModel, expected: ModelKind) throws {
    let kind = model.recipe().configuration.kind
    #expect(kind.encoder == expected.encoder)
    #expect(kind.decoderInput == expected.decoderInput)
    #expect(kind.decoding == expected.decoding)
    #expect((kind.series == nil) == (expected.series == nil), "a forecaster writes values, every other model tokens")
  }

  @Test("a trace's model description gives back the model's kind", arguments: BuiltInModel.allCases)
  func descriptionRoundTrip(model: BuiltInModel) throws {
    let configuration = model.recipe().configuration
    let built = try Seq2SeqModel(configuration: configuration, seed: 0)
    #expect(built.description.kind == configuration.kind)
  }

  @Test("a backward layer with an activation of its own is part of the kind, and survives the trace")
  func backwardActivation() throws {
    var configuration = BuiltInModel.dates.recipe().configuration
    configuration.encoder.backwardLayer = BackwardLayerConfiguration(activation: .relu)
    let kind = configuration.kind
    #expect(kind.encoder == .bothDirections(mergeMode: .concat, backwardActivation: .relu))
    #expect(try Seq2SeqModel(configuration: configuration, seed: 1).description.kind == kind)
  }

  @Test("what follows from the kind: the bridge, whether tokens are fed, where a decode stops, the output layer")
  func derived() {
    let state = ModelKind(encoder: .oneDirection, decoderInput: .previousToken, decoderOutput: .tokens, decoding: .freeRunning)
    var conditioned = state
    conditioned.decoderInput = .repeatedEncodingAndPreviousToken
    var plain = state
    plain.decoderInput = .repeatedEncoding
    plain.decoderOutput = .values(SeriesConfiguration())
    #expect([state.bridge, conditioned.bridge, plain.bridge] == [.states, .repeatVector, .repeatVector])
    #expect([state.decoderReadsTokens, conditioned.decoderReadsTokens, plain.decoderReadsTokens] == [true, true, false])
    #expect([state.stopsAtEndToken, conditioned.stopsAtEndToken, plain.stopsAtEndToken] == [true, false, false])
    #expect(state.outputActivation == .softmax && plain.outputActivation == .linear)
  }
}

@Suite("The built-in models' table")
struct CatalogTableTests {
  @Test("a line per built-in model, its architecture in words from its kind, and what the numbers are")
  func table() throws {
    let table = try BuiltInModel.catalogTable()
    let lines = table.split(separator: "\n").map(String.init)
    for model in BuiltInModel.allCases {
      #expect(lines.contains { $0.hasPrefix(model.rawValue + " ") }, "\(model.rawValue) has a line")
    }
    #expect(lines.contains { $0.hasPrefix("autoencoder-conditioned ") && $0.contains("repeat bridge, conditioned decoder") })
    #expect(
      lines.contains {
        $0.hasPrefix("dates-bidirectional-decoder ") && $0.contains("bidirectional decoder (teacher-forced only)")
      })
    #expect(table.contains("measured on each task's held-out validation examples, decoding free-running."))
  }
}
