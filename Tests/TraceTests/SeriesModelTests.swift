// Series models (real values in and out, a linear Dense, mean squared error): Keras parity,
// finite differences, the trace and its input errors, the sines task, and old checkpoints
// that know nothing of series.

import Foundation
import Testing

@testable import Trace
@testable import TraceCore

@Suite("Series models")
struct SeriesModelTests {
  /// A tiny forecaster: `steps` values of `features` each in, 3 steps out.
  static func configuration(features: Int = 1, bidirectional: Bool = false, reverse: Bool = false) -> Seq2SeqConfiguration {
    let names = Vocabulary(tokens: features == 1 ? ["x"] : (1...features).map { "x\($0)" })
    return Seq2SeqConfiguration(
      name: "tinyseries", bridge: .repeatVector,
      encoder: EncoderConfiguration(units: 3, bidirectional: bidirectional, mergeMode: .concat),
      decoder: DecoderConfiguration(units: 4), inputVocabulary: names, outputVocabulary: names,
      maxInputLength: 4, maxOutputLength: 3, reverseInput: reverse, series: SeriesConfiguration())
  }

  /// Seeded rows of `count` values in [-1, 1].
  static func rows(_ batch: Int, _ count: Int, generator: inout SeededGenerator) -> [[Float]] {
    (0..<batch).map { _ in (0..<count).map { _ in generator.uniform(-1, 1) } }
  }

  // MARK: Keras parity

  /// `series_forecast*.json`, made by make_keras_fixtures.py.
  struct Fixture: Decodable {
    struct Tensor: Decodable {
      var shape: [Int]
      var values: [Float]
    }
    struct Cell: Decodable {
      var position: Int
      var inputGate, forgetGate, candidate, outputGate, cell, hidden: [Float]
      var predictedValues: [Float]?
      var loss: Float?
    }
    struct Encoder: Decodable {
      var forward: [Cell]
      var backward: [Cell]?
    }
    var config: Seq2SeqConfiguration
    var tensors: [String: Tensor]
    var input: String
    var target: String
    var encoder: Encoder
    var repeatedVector: [Float]
    var decoderSteps: [Cell]
    var meanLoss: Float
    /// Keras's gradient of its mean squared error, by checkpoint tensor name.
    var gradients: [String: [Float]]

    /// The model, read the way a checkpoint is (which also checks the linear output layer).
    func model() throws -> Seq2SeqModel {
      let encoder = JSONEncoder()
      let file = SafeTensorsFile(
        tensors: tensors.mapValues { NamedTensor(shape: $0.shape, values: $0.values) },
        metadata: [
          CheckpointMetadataKey.format.rawValue: SafeTensorsFile.unrolledFormat,
          CheckpointMetadataKey.version.rawValue: String(SafeTensorsFile.currentVersion),
          CheckpointMetadataKey.name.rawValue: config.name,
          CheckpointMetadataKey.config.rawValue: String(decoding: try encoder.encode(config), as: UTF8.self),
        ])
      return try Seq2SeqModel(checkpoint: file)
    }
  }

  static func expectCell(_ record: CellRecord, _ expected: Fixture.Cell, _ what: String) {
    KerasFixture.expectClose(record.inputGate, expected.inputGate, "\(what) input gate")
    KerasFixture.expectClose(record.forgetGate, expected.forgetGate, "\(what) forget gate")
    KerasFixture.expectClose(record.candidate, expected.candidate, "\(what) candidate")
    KerasFixture.expectClose(record.outputGate, expected.outputGate, "\(what) output gate")
    KerasFixture.expectClose(record.cell, expected.cell, "\(what) cell")
    KerasFixture.expectClose(record.hidden, expected.hidden, "\(what) hidden")
  }

  @Test(
    "a forecast matches Keras's gates, values and mean squared error",
    arguments: ["series_forecast", "series_forecast_bidirectional"])
  func kerasParity(name: String) throws {
    let fixture = try KerasFixture.load(Fixture.self, named: name)
    let model = try fixture.model()
    #expect(model.output.activation == .linear, "a series checkpoint reads a linear output layer")
    let trace = try model.trace(input: fixture.input, target: fixture.target)
    for (record, expected) in zip(trace.encoder.forward, fixture.encoder.forward) {
      #expect(record.position == expected.position)
      Self.expectCell(record.state, expected, "\(name): encoder step \(expected.position)")
    }
    if let backward = fixture.encoder.backward {
      let recorded = try #require(trace.encoder.backward)
      for (record, expected) in zip(recorded, backward) {
        Self.expectCell(record.state, expected, "\(name): backward encoder step \(expected.position)")
      }
    }
    KerasFixture.expectClose(try #require(trace.bridge.repeatedVector), fixture.repeatedVector, "\(name): repeated vector")
    #expect(trace.teacherForced == nil, "a forecaster has nothing to feed but the encoding")
    try #require(trace.primaryDecode.steps.count == fixture.decoderSteps.count)
    for (step, expected) in zip(trace.primaryDecode.steps, fixture.decoderSteps) {
      let what = "\(name): decoder step \(step.step)"
      Self.expectCell(step.state, expected, what)
      KerasFixture.expectClose(
        try #require(step.predictedValues), try #require(expected.predictedValues), "\(what) predicted values")
      KerasFixture.expectClose([try #require(step.loss)], [try #require(expected.loss)], "\(what) squared error")
      #expect(step.targetValues?.count == model.configuration.valuesPerStep)
    }
    KerasFixture.expectClose(
      [try #require(trace.primaryDecode.meanLoss)], [fixture.meanLoss], "\(name): Keras's mean_squared_error")
  }

  @Test(
    "the MSE backward gives Keras's gradients on the same weights",
    arguments: ["series_forecast", "series_forecast_bidirectional"])
  func kerasGradients(name: String) throws {
    let fixture = try KerasFixture.load(Fixture.self, named: name)
    let model = try fixture.model()
    let series = try SeriesConfiguration.values(of: fixture.input)
    let truth = try SeriesConfiguration.values(of: fixture.target)
    let pass = model.forecast(series: [model.configuration.encoderValues(forSeries: series)], targets: [truth])
    KerasFixture.expectClose([try #require(pass.trainingLoss)], [fixture.meanLoss], "\(name): loss")
    let gradient = model.backward(pass).flattened
    for tensor in model.parameterTensors {
      // encoder.forward.recurrentKernel -> encoder/forward/recurrent_kernel
      let key = tensor.name.replacingOccurrences(of: ".", with: "/").replacingOccurrences(
        of: "recurrentKernel", with: "recurrent_kernel")
      let keras = try #require(fixture.gradients[key], "Keras's gradient of \(key)")
      let ours = Array(gradient[tensor.range])
      let worst = zip(ours, keras).map { abs($0 - $1) }.max() ?? 0
      let largest = keras.map(abs).max() ?? 0
      #expect(ours.count == keras.count)
      #expect(worst <= 1e-6 + 1e-4 * largest, "\(name): \(key) differs from Keras by \(worst) (largest \(largest))")
    }
  }

  // MARK: Gradients

  @Test(
    "a series model's backward (MSE through the linear Dense) matches finite differences",
    arguments: [(1, false, false), (2, true, false), (1, false, true)])
  func gradientCheck(features: Int, bidirectional: Bool, reverse: Bool) throws {
    var model = try Seq2SeqModel(
      configuration: Self.configuration(features: features, bidirectional: bidirectional, reverse: reverse), seed: 5)
    var generator = SeededGenerator(seed: 6)
    model.parameterVector = model.parameterVector.map { _ in generator.uniform(-1, 1) }
    let series = Self.rows(3, 4 * features, generator: &generator).map(model.configuration.encoderValues(forSeries:))
    let targets = Self.rows(3, 3 * features, generator: &generator)
    func loss(_ model: Seq2SeqModel) -> Double {
      // Keras's mean_squared_error summed in Double: the mean over every step, row and value.
      let pass = model.forecast(series: series, targets: targets)
      var total = 0.0
      var count = 0
      for step in pass.decoderSteps {
        let predicted = try! #require(step.predictedValues), truth = try! #require(step.targetValues)
        for index in predicted.values.indices {
          let difference = Double(predicted.values[index]) - Double(truth.values[index])
          total += difference * difference
          count += 1
        }
      }
      return total / Double(count)
    }
    let pass = model.forecast(series: series, targets: targets)
    #expect(abs(Double(try #require(pass.trainingLoss)) - loss(model)) < 1e-5, "the training loss is Keras's MSE")
    let gradient = model.backward(pass).flattened
    GradientCheck.expectEveryTensorMatches(model, gradient: gradient, loss: loss)
  }

  // MARK: Training and evaluation

  @Test("a tiny forecaster learns a sine wave better than repeating the last value")
  func tinyTraining() throws {
    let config = Self.configuration()
    var examples: [TrainingExample] = []
    for start in 0..<64 {
      let values = (0..<7).map { Float(sin(Double(start + $0) * 0.6)) }
      examples.append(
        try TrainingExample(
          source: SeriesConfiguration().text(of: Array(values.prefix(4))),
          target: SeriesConfiguration().text(of: Array(values.suffix(3))), configuration: config))
    }
    var trainer = try Trainer(
      model: try Seq2SeqModel(configuration: config, seed: 1),
      options: TrainingOptions(epochs: 60, batchSize: 16, seed: 2, optimizer: .adam, learningRate: 0.01))
    var accuracies: [Float?] = []
    let history = try trainer.train(on: examples, validation: examples) { accuracies.append($0.epochAccuracy) }
    #expect(!accuracies.isEmpty && accuracies.allSatisfy { $0 == nil }, "real values have no accuracy to show")
    let first = try #require(history.epochs.first?.validation?.forecast)
    let last = try #require(history.epochs.last?.validation?.forecast)
    #expect(last.meanSquaredError < first.meanSquaredError / 2, "training lowers the held-out error")
    #expect(last.rootMeanSquaredError < last.naiveRootMeanSquaredError, "it beats repeating the last value")
    #expect(abs(last.rootMeanSquaredError - last.meanSquaredError.squareRoot()) < 1e-5)
    #expect(history.epochs.last?.validation?.loss == last.meanSquaredError, "a series model's loss is its MSE")
  }

  // MARK: Traces and their input

  @Test("a trace records each value read and each value predicted beside the truth")
  func traceRecordsValues() throws {
    let model = try Seq2SeqModel(configuration: Self.configuration(reverse: true), seed: 3)
    let trace = try model.trace(input: "0.1, 0.2,0.3,0.4", target: "0.5,0.6,0.7")
    #expect(trace.encoder.tokens == ["0.400", "0.300", "0.200", "0.100"], "reversed, written with 3 decimals")
    #expect(trace.encoder.forward.map { $0.values ?? [] } == [[0.4], [0.3], [0.2], [0.1]])
    #expect(trace.primaryDecode.steps.map { $0.targetValues ?? [] } == [[0.5], [0.6], [0.7]])
    #expect(trace.primaryDecode.steps.allSatisfy { $0.probabilities.isEmpty && $0.fedTokenSource == .repeatedEncoding })
    let forecast = trace.primaryDecode.steps.compactMap { $0.predictedValues?.first }
    #expect(trace.primaryDecode.output == SeriesConfiguration().text(of: forecast))
    #expect(trace.model.series == SeriesConfiguration())
    let json = String(decoding: trace.jsonData(pretty: false), as: UTF8.self)
    #expect(try JSONDecoder().decode(ModelTrace.self, from: Data(json.utf8)) == trace, "the JSON reads back")
    #expect(trace.textTable.contains("predicted"), "the terminal table shows the forecast")
  }

  @Test(
    "bad series input is refused with one line that says what to type",
    arguments: [
      ("0.1,abc,0.3,0.4", nil, "value 2 of the input 'abc' is not a number"),
      ("0.1,,0.3,0.4", nil, "value 2 of the input is empty"),
      ("0.1,0.2", nil, "the input has 2 values; the tinyseries model reads exactly 4"),
      ("0.1,0.2,0.3,0.4", "1,2", "the target has 2 values; the tinyseries model writes exactly 3"),
      ("0.1,0.2,0.3,nan", nil, "value 4 of the input 'nan' is not a number"),
    ] as [(String, String?, String)])
  func badInput(input: String, target: String?, message: String) throws {
    let model = try Seq2SeqModel(configuration: Self.configuration(), seed: 3)
    do {
      _ = try model.trace(input: input, target: target)
      Issue.record("\(input) should be refused")
    } catch {
      #expect(error.description.hasPrefix(message), "\(error.description)")
      #expect(!error.description.contains("\n"))
    }
  }

  // MARK: Configuration and checkpoints

  @Test("a token configuration encodes without a series field, and old JSON decodes with none")
  func oldConfigurationsDecode() throws {
    let token = BuiltInModel.addition.recipe().configuration
    let json = String(decoding: try JSONEncoder().encode(token), as: UTF8.self)
    #expect(!json.contains("series"), "token checkpoints are written exactly as before")
    let decoded = try JSONDecoder().decode(Seq2SeqConfiguration.self, from: Data(json.utf8))
    #expect(decoded.series == nil && decoded == token)
  }

  @Test("a series model round-trips through a checkpoint")
  func checkpointRoundTrip() throws {
    let model = try Seq2SeqModel(configuration: Self.configuration(features: 2, bidirectional: true), seed: 4)
    let read = try Seq2SeqModel(checkpoint: try SafeTensorsFile(bytes: try model.checkpoint().serialized()))
    #expect(read == model)
  }

  @Test("series rules: a repeat bridge, one vocabulary, no embedding, padding or conditioned decoder")
  func seriesRules() {
    var states = Self.configuration()
    states.bridge = .states
    #expect(throws: ConfigurationError.self) { try states.validate() }
    var embedded = Self.configuration()
    embedded.encoder.embeddingSize = 2
    #expect(throws: ConfigurationError.self) { try embedded.validate() }
    var different = Self.configuration()
    different.outputVocabulary = Vocabulary(tokens: ["y"])
    #expect(throws: ConfigurationError.self) { try different.validate() }
    var conditioned = Self.configuration()
    conditioned.conditionedDecoder = true
    conditioned.startToken = "x"
    #expect(
      throws: ConfigurationError(
        message: "a series model's decoder reads the repeated encoding only; it cannot also read its previous values")
    ) { try conditioned.validate() }
  }

  // MARK: The sines task

  @Test("the sines task is seeded: 3,000 + 300 series of 24 values and 8 to forecast")
  func sinesTask() throws {
    let dataset = Dataset.builtIn(.sines, seed: 2026)
    #expect(dataset == Dataset.builtIn(.sines, seed: 2026), "the same seed gives the same series")
    #expect(dataset != Dataset.builtIn(.sines, seed: 2027))
    #expect(dataset.training.count == 3_000 && dataset.validation.count == 300)
    let example = try #require(dataset.validation.first)
    #expect(try SeriesConfiguration.values(of: example.source).count == Dataset.sinesInputLength)
    #expect(try SeriesConfiguration.values(of: example.target).count == Dataset.sinesOutputLength)
    let all = try (dataset.training + dataset.validation).flatMap { try SeriesConfiguration.values(of: $0.source) }
    #expect(all.allSatisfy { abs($0) < 1.6 }, "two amplitudes up to 0.6 and small noise")
    let model = try Seq2SeqModel(configuration: BuiltInModel.sines.recipe().configuration, seed: 1)
    for (index, pair) in dataset.validation.prefix(5).enumerated() {
      try model.check(
        try TrainingExample(source: pair.source, target: pair.target, configuration: model.configuration), index: index)
    }
  }
}
