// The Keras parity fixtures as Swift values, and the layers and models built from them.
// The fixtures and the script that made them are in Fixtures/keras/
// (make_keras_fixtures.py); every number in them comes from Keras 3.

import Foundation
import Testing

@testable import Trace
@testable import TraceCore

/// Reading Keras fixtures and turning their weights into unrolled layers.
enum KerasFixture {
  /// The largest absolute difference from Keras that a test accepts.
  static let tolerance: Float = 1e-5

  /// Decodes `Fixtures/keras/<name>.json`.
  static func load<Fixture: Decodable>(_ type: Fixture.Type, named name: String) throws -> Fixture {
    let url = try #require(
      Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/keras"),
      "fixture \(name).json is missing: run make_keras_fixtures.py")
    return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
  }

  /// The URL of a fixture file that is not JSON (the exported checkpoint).
  static func url(named name: String, extension fileExtension: String) throws -> URL {
    try #require(Bundle.module.url(forResource: name, withExtension: fileExtension, subdirectory: "Fixtures/keras"))
  }

  /// Expects `actual` to equal Keras's `expected` element by element within ``tolerance``.
  static func expectClose(
    _ actual: [Float], _ expected: [Float], _ what: @autoclosure () -> String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard actual.count == expected.count else {
      Issue.record("\(what()): \(actual.count) values, Keras has \(expected.count)", sourceLocation: sourceLocation)
      return
    }
    var worst: Float = 0
    var worstIndex = 0
    for index in actual.indices where abs(actual[index] - expected[index]) > worst || actual[index].isNaN {
      worst = actual[index].isNaN ? .infinity : abs(actual[index] - expected[index])
      worstIndex = index
    }
    #expect(
      worst <= tolerance,
      "\(what()): element \(worstIndex) is \(actual[worstIndex]), Keras has \(expected[worstIndex]) (differs by \(worst))",
      sourceLocation: sourceLocation)
  }

  /// Expects a `[B, U]` matrix to equal Keras's rows.
  static func expectClose(
    _ actual: Matrix, _ expected: [[Float]], _ what: @autoclosure () -> String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(actual.rows == expected.count, "\(what()): rows", sourceLocation: sourceLocation)
    expectClose(actual.values, expected.flatMap { $0 }, what(), sourceLocation: sourceLocation)
  }
}

// MARK: - Layer fixtures

extension KerasFixture {
  /// An LSTM's weights in Keras layout.
  struct LSTMWeights: Decodable {
    /// `[I, 4U]`.
    var kernel: [[Float]]
    /// `[U, 4U]`.
    var recurrentKernel: [[Float]]
    /// `[4U]`.
    var bias: [Float]

    func layer(goBackwards: Bool = false) -> LSTM {
      LSTM(
        kernel: Matrix(rowsOf: kernel), recurrentKernel: Matrix(rowsOf: recurrentKernel), bias: bias,
        goBackwards: goBackwards)
    }
  }

  /// One step of a layer over a batch: every value is `[B, U]`.
  struct BatchStep: Decodable {
    var position: Int
    var inputGate, forgetGate, candidate, outputGate, cell, hidden: [[Float]]
  }

  /// `lstm_plain.json`, `lstm_go_backwards.json`.
  struct LSTMLayer: Decodable {
    var goBackwards: Bool
    var layer: LSTMWeights
    /// `[B, T, I]`, as Keras takes it.
    var inputs: [[[Float]]]
    var cases: [Case]

    struct Case: Decodable {
      var name: String
      var initialHidden: [[Float]]?
      var initialCell: [[Float]]?
      /// Processing order.
      var steps: [BatchStep]
      /// `[B, T, U]`: Keras's return_sequences output.
      var kerasSequence: [[[Float]]]
      var finalHidden: [[Float]]
      var finalCell: [[Float]]
    }
  }

  /// `bidirectional_<merge mode>.json`, `bidirectional_masked.json`.
  struct BidirectionalLayer: Decodable {
    var mergeMode: MergeMode
    var forward: LSTMWeights
    var backward: LSTMWeights
    var inputs: [[[Float]]]
    /// `[B, T]`: `false` where a row is padding (masked fixture only).
    var mask: [[Bool]]?
    /// Per-step records (unmasked fixtures only).
    var forwardSteps: [BatchStep]?
    var backwardSteps: [BatchStep]?
    /// `[B, T, M]` when the mode merges.
    var kerasMerged: [[[Float]]]?
    /// `[B, T, U]` for merge mode none (the backward one flipped back into time order);
    /// in the masked fixture, each direction run alone (the backward one in processing order).
    var kerasForwardSequence: [[[Float]]]?
    var kerasBackwardSequence: [[[Float]]]?
    var forwardHidden, forwardCell, backwardHidden, backwardCell: [[Float]]
  }

  /// `embedding_lstm.json`.
  struct EmbeddingLayer: Decodable {
    /// `[V, D]`.
    var embeddings: [[Float]]
    /// `[B, T]`.
    var tokenIDs: [[Int]]
    var layer: LSTMWeights
    var kerasSequence: [[[Float]]]
    var steps: [BatchStep]
    var finalHidden: [[Float]]
    var finalCell: [[Float]]
  }

  /// The per-position inputs `[B, I]` of a Keras batch-major `[B, T, I]` array.
  static func positions(_ batchMajor: [[[Float]]]) -> [Matrix] {
    let length = batchMajor.first?.count ?? 0
    return (0..<length).map { t in Matrix(rowsOf: batchMajor.map { $0[t] }) }
  }

  /// Row by row, the values at time index `t` of a `[B, T, U]` array.
  static func at(_ batchMajor: [[[Float]]], _ t: Int) -> [[Float]] {
    batchMajor.map { $0[t] }
  }

  /// Expects an unrolled step to have Keras's gates and states.
  static func expectStep(
    _ step: LSTMStepCache, _ expected: BatchStep, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    expectClose(step.inputGate, expected.inputGate, "\(what) input gate", sourceLocation: sourceLocation)
    expectClose(step.forgetGate, expected.forgetGate, "\(what) forget gate", sourceLocation: sourceLocation)
    expectClose(step.candidate, expected.candidate, "\(what) candidate", sourceLocation: sourceLocation)
    expectClose(step.outputGate, expected.outputGate, "\(what) output gate", sourceLocation: sourceLocation)
    expectClose(step.cell, expected.cell, "\(what) cell", sourceLocation: sourceLocation)
    expectClose(step.hidden, expected.hidden, "\(what) hidden", sourceLocation: sourceLocation)
  }
}

// MARK: - Seq2seq fixtures

extension KerasFixture {
  /// A tensor of rank 1 or 2, named as in an unrolled checkpoint.
  enum Tensor: Decodable {
    case vector([Float])
    case matrix([[Float]])

    init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let rows = try? container.decode([[Float]].self) {
        self = .matrix(rows)
      } else {
        self = .vector(try container.decode([Float].self))
      }
    }
  }

  /// One step of a seq2seq model for one sequence: every value is `[U]` (or `[V]`).
  struct Step: Decodable {
    var position: Int
    var inputGate, forgetGate, candidate, outputGate, cell, hidden: [Float]
    var probabilities: [Float]?
    var loss: Float?
    var fedToken: String?
    /// What Keras's `Embedding` layer gave this step (embedding fixtures only).
    var inputVector: [Float]?
  }

  /// One step of Keras's greedy inference loop.
  struct GreedyStep: Decodable {
    var fedToken: String
    var predicted: String
    var probabilities: [Float]
    var hidden: [Float]
    var cell: [Float]
  }

  /// The repeat- and state-bridge fixtures.
  struct Seq2Seq: Decodable {
    /// The configuration tools/keras_export.py derives from the Keras model.
    var config: Seq2SeqConfiguration
    /// The tensors tools/keras_export.py derives from the Keras model.
    var tensors: [String: Tensor]
    var input: String
    var target: String
    var encoder: Encoder
    var meanLoss: Float
    // Repeat bridge.
    var repeatedVector: [Float]?
    var decoderSteps: [Step]?
    var predicted: String?
    // State bridge.
    var bridge: BridgeStates?
    var teacherForced: [Step]?
    var freeRunning: [GreedyStep]?
    var freeRunningOutput: String?
    var freeRunningStopsAtEndToken: Bool?

    struct Encoder: Decodable {
      var forward: [Step]
      var backward: [Step]?
      /// Per position, the merged output.
      var merged: [[Float]]?
    }

    struct BridgeStates: Decodable {
      var hidden, cell: [Float]
      var forwardHidden, forwardCell, backwardHidden, backwardCell: [Float]?
    }

    /// The model these weights make, built the way a checkpoint reader builds one.
    func model() throws -> Seq2SeqModel {
      func matrix(_ name: String) throws -> Matrix {
        guard case .matrix(let rows) = try #require(tensors[name], "tensor \(name)") else {
          throw FixtureError(message: "\(name) is not a matrix")
        }
        return Matrix(rowsOf: rows)
      }
      func vector(_ name: String) throws -> [Float] {
        guard case .vector(let values) = try #require(tensors[name], "tensor \(name)") else {
          throw FixtureError(message: "\(name) is not a vector")
        }
        return values
      }
      func lstm(_ prefix: String, activation: Activation, recurrentActivation: Activation, goBackwards: Bool = false) throws
        -> LSTM
      {
        LSTM(
          kernel: try matrix("\(prefix)/kernel"), recurrentKernel: try matrix("\(prefix)/recurrent_kernel"),
          bias: try vector("\(prefix)/bias"), activation: activation, recurrentActivation: recurrentActivation,
          goBackwards: goBackwards)
      }
      let encoderConfig = config.encoder
      let encoder: EncoderLayer
      if encoderConfig.bidirectional {
        encoder = .bidirectional(
          Bidirectional(
            forward: try lstm(
              "encoder/forward", activation: encoderConfig.activation, recurrentActivation: encoderConfig.recurrentActivation),
            backward: try lstm(
              "encoder/backward", activation: encoderConfig.activation, recurrentActivation: encoderConfig.recurrentActivation,
              goBackwards: true),
            mergeMode: encoderConfig.mergeMode))
      } else {
        encoder = .unidirectional(
          try lstm("encoder", activation: encoderConfig.activation, recurrentActivation: encoderConfig.recurrentActivation))
      }
      return try Seq2SeqModel(
        configuration: config, encoder: encoder,
        encoderEmbedding: tensors["encoder_embedding/embeddings"] == nil
          ? nil : Embedding(table: try matrix("encoder_embedding/embeddings")),
        decoder: try lstm(
          "decoder", activation: config.decoder.activation, recurrentActivation: config.decoder.recurrentActivation),
        decoderEmbedding: tensors["decoder_embedding/embeddings"] == nil
          ? nil : Embedding(table: try matrix("decoder_embedding/embeddings")),
        output: Dense(kernel: try matrix("output/kernel"), bias: try vector("output/bias"), activation: .softmax))
    }
  }

  /// `exported_state_bridge.json`: Keras's teacher-forced output for the exported checkpoint.
  struct ExportedExpectation: Decodable {
    var input: String
    var target: String
    /// Per decoder step, the softmax.
    var probabilities: [[Float]]
    /// Per decoder step, Keras's categorical cross-entropy.
    var losses: [Float]
  }

  /// Expects a recorded cell to have Keras's gates and states.
  static func expectCell(
    _ record: CellRecord, _ expected: Step, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    expectClose(record.inputGate, expected.inputGate, "\(what) input gate", sourceLocation: sourceLocation)
    expectClose(record.forgetGate, expected.forgetGate, "\(what) forget gate", sourceLocation: sourceLocation)
    expectClose(record.candidate, expected.candidate, "\(what) candidate", sourceLocation: sourceLocation)
    expectClose(record.outputGate, expected.outputGate, "\(what) output gate", sourceLocation: sourceLocation)
    expectClose(record.cell, expected.cell, "\(what) cell", sourceLocation: sourceLocation)
    expectClose(record.hidden, expected.hidden, "\(what) hidden", sourceLocation: sourceLocation)
  }

  /// A fixture that does not hold what a test needs.
  struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }
}

extension Matrix {
  /// A matrix from its rows, which must all be as long.
  init(rowsOf rows: [[Float]]) {
    let columns = rows.first?.count ?? 0
    precondition(rows.allSatisfy { $0.count == columns }, "ragged rows")
    self.init(rows: rows.count, columns: columns, values: rows.flatMap { $0 })
  }
}
