import Testing

@testable import Trace
@testable import TraceCore

/// `x·W` handed to a step (``LSTM/step(input:state:mask:inputProjection:)``) must be the
/// product's own values, so the forward pass gives the same bits however it gets them.
@Suite("Input projection")
struct InputProjectionTests {
  /// A layer with random weights and a random state for `batch` rows.
  static func layer(inputSize: Int, units: Int, batch: Int, seed: UInt64) -> (LSTM, LSTMState) {
    var generator = SeededGenerator(seed: seed)
    var lstm = LSTM(inputSize: inputSize, units: units, generator: &generator)
    lstm.bias = lstm.bias.map { $0 + generator.uniform(-0.5, 0.5) }
    let hidden = Matrix(rows: batch, columns: units, values: (0..<batch * units).map { _ in generator.uniform(-1, 1) })
    let cell = Matrix(rows: batch, columns: units, values: (0..<batch * units).map { _ in generator.uniform(-2, 2) })
    return (lstm, LSTMState(hidden: hidden, cell: cell))
  }

  /// One-hot rows with their 1 at `hotColumns` (a row of zeros for `nil`).
  static func oneHot(_ hotColumns: [Int?], size: Int) -> Matrix {
    var x = Matrix(rows: hotColumns.count, columns: size)
    for (row, column) in hotColumns.enumerated() { if let column { x[row, column] = 1 } }
    return x
  }

  @Test(
    "a one-hot batch's x·W is the kernel's rows, bit for bit",
    arguments: [(12, 75, 16), (93, 256, 32), (12, 50, 3), (5, 2, 1)])
  func oneHotProjectionIsTheProduct(inputSize: Int, units: Int, batch: Int) {
    let (lstm, _) = Self.layer(inputSize: inputSize, units: units, batch: batch, seed: UInt64(inputSize * units))
    var generator = SeededGenerator(seed: 3)
    let hot: [Int?] = (0..<batch).map { row in row % 5 == 4 ? nil : Int(generator.next() % UInt64(inputSize)) }
    let x = Self.oneHot(hot, size: inputSize)
    #expect(lstm.inputProjection(hotColumns: hot) == Matrix.product(x, lstm.kernel))
  }

  @Test("a step handed x·W computes what a step that multiplies computes, bit for bit")
  func stepWithProjectionMatchesStep() {
    let (lstm, state) = Self.layer(inputSize: 12, units: 9, batch: 6, seed: 21)
    let hot: [Int?] = [3, 0, 11, nil, 7, 3]
    let x = Self.oneHot(hot, size: 12)
    let mask = [true, true, true, false, true, true]
    let multiplied = lstm.step(input: x, state: state, mask: mask)
    let handed = lstm.step(input: x, state: state, mask: mask, inputProjection: lstm.inputProjection(hotColumns: hot))
    for (name, a, b) in [
      ("input gate", multiplied.inputGate, handed.inputGate), ("forget gate", multiplied.forgetGate, handed.forgetGate),
      ("candidate", multiplied.candidate, handed.candidate), ("output gate", multiplied.outputGate, handed.outputGate),
      ("cell", multiplied.cell, handed.cell), ("hidden", multiplied.hidden, handed.hidden),
    ] {
      #expect(a == b, "\(name)")
    }
  }

  @Test("a run over one-hot positions gives the bits of a run that multiplies, both directions")
  func runWithHotColumnsMatchesRun() {
    let (lstm, _) = Self.layer(inputSize: 10, units: 8, batch: 4, seed: 5)
    var backwards = lstm
    backwards.goBackwards = true
    let columns: [[Int?]] = [[1, 2, 3, 4], [9, 0, nil, 4], [5, 5, nil, nil]]
    let inputs = columns.map { Self.oneHot($0, size: 10) }
    let mask = columns.map { $0.map { $0 != nil } }
    for layer in [lstm, backwards] {
      let multiplied = layer.run(inputs, mask: mask)
      let handed = layer.run(inputs, mask: mask, hotColumns: columns)
      #expect(multiplied.steps.map(\.hidden) == handed.steps.map(\.hidden))
      #expect(multiplied.finalState.cell == handed.finalState.cell)
    }
  }
}
