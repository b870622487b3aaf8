import Foundation
import Testing

@testable import Trace
@testable import TraceCore

extension TrainingTests {
  /// Every backward pass against central finite differences (see Support/GradientCheck.swift
  /// for ε, the tolerances and the sampling).
  @Suite("Gradient checks")
  struct GradientCheckTests {
    static func randomLSTM(inputSize: Int, units: Int, goBackwards: Bool = false, generator: inout SeededGenerator) -> LSTM {
      LSTM(
        kernel: .seededUniform(rows: inputSize, columns: 4 * units, scale: 0.6, generator: &generator),
        recurrentKernel: .seededUniform(rows: units, columns: 4 * units, scale: 0.6, generator: &generator),
        bias: (0..<4 * units).map { _ in generator.uniform(-0.5, 0.5) }, goBackwards: goBackwards)
    }

    static func weightMismatches(
      _ prefix: String, _ gradients: LSTMGradients, layer: LSTM, loss: (LSTM) -> Double
    ) -> [String] {
      GradientCheck.mismatches("\(prefix).kernel", analytic: gradients.kernel.values) { index, delta in
        var moved = layer
        moved.kernel.values[index] += delta
        return loss(moved)
      }
        + GradientCheck.mismatches("\(prefix).recurrentKernel", analytic: gradients.recurrentKernel.values) { index, delta in
          var moved = layer
          moved.recurrentKernel.values[index] += delta
          return loss(moved)
        }
        + GradientCheck.mismatches("\(prefix).bias", analytic: gradients.bias) { index, delta in
          var moved = layer
          moved.bias[index] += delta
          return loss(moved)
        }
    }

    @Test("an LSTM step's backward, with a padded row, matches finite differences")
    func lstmStep() {
      var generator = SeededGenerator(seed: 3)
      let layer = Self.randomLSTM(inputSize: 3, units: 4, generator: &generator)
      let input = Matrix.seededUniform(rows: 3, columns: 3, generator: &generator)
      let state = LSTMState(
        hidden: .seededUniform(rows: 3, columns: 4, generator: &generator),
        cell: .seededUniform(rows: 3, columns: 4, generator: &generator))
      let mask = [true, false, true]
      let hiddenWeights = Matrix.seededUniform(rows: 3, columns: 4, generator: &generator)
      let cellWeights = Matrix.seededUniform(rows: 3, columns: 4, generator: &generator)
      func loss(_ layer: LSTM, _ input: Matrix, _ state: LSTMState) -> Double {
        let cache = layer.step(input: input, state: state, mask: mask)
        return hiddenWeights.elementwiseDot(cache.hidden) + cellWeights.elementwiseDot(cache.cell)
      }

      var gradients = LSTMGradients(zerosLike: layer)
      let back = layer.stepBackward(
        cache: layer.step(input: input, state: state, mask: mask), hiddenGradient: hiddenWeights,
        cellGradient: cellWeights, into: &gradients)

      var failures = Self.weightMismatches("lstm", gradients, layer: layer) { loss($0, input, state) }
      failures += GradientCheck.mismatches("input", analytic: back.input.values) { index, delta in
        var moved = input
        moved.values[index] += delta
        return loss(layer, moved, state)
      }
      failures += GradientCheck.mismatches("previousHidden", analytic: back.previousHidden.values) { index, delta in
        var moved = state
        moved.hidden.values[index] += delta
        return loss(layer, input, moved)
      }
      failures += GradientCheck.mismatches("previousCell", analytic: back.previousCell.values) { index, delta in
        var moved = state
        moved.cell.values[index] += delta
        return loss(layer, input, moved)
      }
      #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
      #expect(back.input.row(1).allSatisfy { $0 == 0 }, "a padded row reads nothing, so its input has no gradient")
      #expect(back.previousHidden.row(1) == hiddenWeights.row(1), "a padded row passes dh straight back")
      #expect(back.previousCell.row(1) == cellWeights.row(1), "a padded row passes dc straight back")
      #expect(GradientCheck.isInformative(gradients.kernel.values))
    }

    @Test("BPTT over a masked sequence matches finite differences", arguments: [false, true])
    func lstmSequence(goBackwards: Bool) throws {
      var generator = SeededGenerator(seed: goBackwards ? 5 : 4)
      let layer = Self.randomLSTM(inputSize: 3, units: 3, goBackwards: goBackwards, generator: &generator)
      let inputs = (0..<4).map { _ in Matrix.seededUniform(rows: 3, columns: 3, generator: &generator) }
      // Row 1 is three tokens long, row 2 two: later positions are padding.
      let mask = (0..<4).map { position in [true, position < 3, position < 2] }
      let initial = LSTMState(
        hidden: .seededUniform(rows: 3, columns: 3, generator: &generator),
        cell: .seededUniform(rows: 3, columns: 3, generator: &generator))
      let outputWeights = (0..<4).map { _ in Matrix.seededUniform(rows: 3, columns: 3, generator: &generator) }
      let finalWeights = LSTMState(
        hidden: .seededUniform(rows: 3, columns: 3, generator: &generator),
        cell: .seededUniform(rows: 3, columns: 3, generator: &generator))
      func loss(_ layer: LSTM, _ inputs: [Matrix], _ initial: LSTMState) -> Double {
        let run = layer.run(inputs, initialState: initial, mask: mask)
        var total =
          finalWeights.hidden.elementwiseDot(run.finalState.hidden) + finalWeights.cell.elementwiseDot(run.finalState.cell)
        for position in 0..<4 { total += outputWeights[position].elementwiseDot(run.hidden(atPosition: position)) }
        return total
      }

      var gradients = LSTMGradients(zerosLike: layer)
      let back = layer.backward(
        run: layer.run(inputs, initialState: initial, mask: mask), outputGradients: outputWeights,
        finalStateGradient: finalWeights, into: &gradients)

      var failures = Self.weightMismatches("lstm", gradients, layer: layer) { loss($0, inputs, initial) }
      for position in 0..<4 {
        failures += GradientCheck.mismatches("inputs[\(position)]", analytic: back.inputs[position].values) { index, delta in
          var moved = inputs
          moved[position].values[index] += delta
          return loss(layer, moved, initial)
        }
      }
      let initialGradient = try #require(back.initialState)
      failures += GradientCheck.mismatches("initialHidden", analytic: initialGradient.hidden.values) { index, delta in
        var moved = initial
        moved.hidden.values[index] += delta
        return loss(layer, inputs, moved)
      }
      failures += GradientCheck.mismatches("initialCell", analytic: initialGradient.cell.values) { index, delta in
        var moved = initial
        moved.cell.values[index] += delta
        return loss(layer, inputs, moved)
      }
      #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
      #expect(GradientCheck.isInformative(gradients.recurrentKernel.values))
    }

    @Test(
      "a bidirectional layer's backward matches finite differences",
      arguments: MergeMode.allCases.filter { $0 != .none })
    func bidirectional(mergeMode: MergeMode) {
      var generator = SeededGenerator(seed: 6)
      let layer = Bidirectional(
        forward: Self.randomLSTM(inputSize: 2, units: 3, generator: &generator),
        backward: Self.randomLSTM(inputSize: 2, units: 3, goBackwards: true, generator: &generator),
        mergeMode: mergeMode)
      let inputs = (0..<3).map { _ in Matrix.seededUniform(rows: 2, columns: 2, generator: &generator) }
      let mask = (0..<3).map { position in [true, position < 2] }
      let mergedSize = mergeMode.mergedSize(units: 3)!
      let sequenceWeights = (0..<3).map { _ in Matrix.seededUniform(rows: 2, columns: mergedSize, generator: &generator) }
      let finalWeights = Matrix.seededUniform(rows: 2, columns: mergedSize, generator: &generator)
      let forwardStateWeights = LSTMState(
        hidden: .seededUniform(rows: 2, columns: 3, generator: &generator),
        cell: .seededUniform(rows: 2, columns: 3, generator: &generator))
      let backwardStateWeights = LSTMState(
        hidden: .seededUniform(rows: 2, columns: 3, generator: &generator),
        cell: .seededUniform(rows: 2, columns: 3, generator: &generator))
      func loss(_ layer: Bidirectional, _ inputs: [Matrix]) -> Double {
        let run = layer.run(inputs, mask: mask)
        var total = finalWeights.elementwiseDot(run.mergedFinal!)
        for (weights, merged) in zip(sequenceWeights, run.mergedSequence!) { total += weights.elementwiseDot(merged) }
        total +=
          forwardStateWeights.hidden.elementwiseDot(run.forward.finalState.hidden)
          + forwardStateWeights.cell.elementwiseDot(run.forward.finalState.cell)
        total +=
          backwardStateWeights.hidden.elementwiseDot(run.backward.finalState.hidden)
          + backwardStateWeights.cell.elementwiseDot(run.backward.finalState.cell)
        return total
      }

      var forwardGradients = LSTMGradients(zerosLike: layer.forward)
      var backwardGradients = LSTMGradients(zerosLike: layer.backward)
      let inputGradients = layer.backward(
        run: layer.run(inputs, mask: mask), mergedSequenceGradients: sequenceWeights, mergedFinalGradient: finalWeights,
        forwardFinalStateGradient: forwardStateWeights, backwardFinalStateGradient: backwardStateWeights,
        forwardGradients: &forwardGradients, backwardGradients: &backwardGradients)

      var failures = Self.weightMismatches("forward", forwardGradients, layer: layer.forward) { moved in
        var changed = layer
        changed.forward = moved
        return loss(changed, inputs)
      }
      failures += Self.weightMismatches("backward", backwardGradients, layer: layer.backward) { moved in
        var changed = layer
        changed.backward = moved
        return loss(changed, inputs)
      }
      for position in 0..<3 {
        failures += GradientCheck.mismatches("inputs[\(position)]", analytic: inputGradients[position].values) { index, delta in
          var moved = inputs
          moved[position].values[index] += delta
          return loss(layer, moved)
        }
      }
      #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
      #expect(GradientCheck.isInformative(backwardGradients.kernel.values))
    }

    @Test("softmax with clipped cross-entropy gives p - y, scaled by the counted rows")
    func denseSoftmaxCrossEntropy() {
      var generator = SeededGenerator(seed: 8)
      let layer = Dense(
        kernel: .seededUniform(rows: 3, columns: 5, generator: &generator),
        bias: (0..<5).map { _ in generator.uniform(-0.5, 0.5) }, activation: .softmax)
      let input = Matrix.seededUniform(rows: 4, columns: 3, generator: &generator)
      let targets: [Int?] = [2, nil, 0, 4]
      func loss(_ layer: Dense, _ input: Matrix) -> Double {
        let probabilities = layer(input)
        var total = 0.0
        for (row, target) in targets.enumerated() {
          guard let target else { continue }
          let clipped = min(
            max(probabilities[row, target], Seq2SeqForward.probabilityEpsilon), 1 - Seq2SeqForward.probabilityEpsilon)
          total -= Double(logf(clipped))
        }
        return total / 3
      }

      var gradients = DenseGradients(zerosLike: layer)
      let logitGradient = Dense.crossEntropyGradient(probabilities: layer(input), targets: targets, scale: 1.0 / 3)
      let inputGradient = layer.backward(input: input, preActivationGradient: logitGradient, into: &gradients)

      var failures = GradientCheck.mismatches("kernel", analytic: gradients.kernel.values) { index, delta in
        var moved = layer
        moved.kernel.values[index] += delta
        return loss(moved, input)
      }
      failures += GradientCheck.mismatches("bias", analytic: gradients.bias) { index, delta in
        var moved = layer
        moved.bias[index] += delta
        return loss(moved, input)
      }
      failures += GradientCheck.mismatches("input", analytic: inputGradient.values) { index, delta in
        var moved = input
        moved.values[index] += delta
        return loss(layer, moved)
      }
      #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
      #expect(logitGradient.row(1).allSatisfy { $0 == 0 }, "a row without a target teaches nothing")
    }

    @Test("a target probability clipped at 1 - ε has no gradient, as Keras's clip")
    func clippedCrossEntropyHasNoGradient() {
      let probabilities = Matrix(rows: 2, columns: 3, values: [1, 0, 0, 0.2, 0.5, 0.3])
      let gradient = Dense.crossEntropyGradient(probabilities: probabilities, targets: [0, 1], scale: 0.5)
      #expect(gradient.row(0) == [0, 0, 0], "p = 1 lies outside [ε, 1 - ε]: the clipped loss is flat there")
      #expect(gradient.row(1) == [0.1, -0.25, 0.15])
    }

    @Test("a linear Dense layer with mean squared error matches finite differences")
    func denseMeanSquaredError() {
      var generator = SeededGenerator(seed: 9)
      let layer = Dense(
        kernel: .seededUniform(rows: 3, columns: 2, generator: &generator), bias: [0.1, -0.2], activation: .linear)
      let input = Matrix.seededUniform(rows: 4, columns: 3, generator: &generator)
      let targets = Matrix.seededUniform(rows: 4, columns: 2, generator: &generator)
      func loss(_ layer: Dense) -> Double {
        let difference = layer(input) - targets
        return difference.elementwiseDot(difference) / 8
      }
      var gradients = DenseGradients(zerosLike: layer)
      _ = layer.backward(
        input: input, preActivationGradient: Dense.meanSquaredErrorGradient(outputs: layer(input), targets: targets),
        into: &gradients)
      let failures = GradientCheck.mismatches("kernel", analytic: gradients.kernel.values) { index, delta in
        var moved = layer
        moved.kernel.values[index] += delta
        return loss(moved)
      }
      #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test("an embedding's gradient scatter-adds into the rows looked up")
    func embedding() {
      var generator = SeededGenerator(seed: 10)
      let table = Embedding(table: .seededUniform(rows: 4, columns: 3, generator: &generator))
      let tokens = [2, 0, 2, 3]
      let weights = Matrix.seededUniform(rows: 4, columns: 3, generator: &generator)
      var gradient = Matrix(rows: 4, columns: 3)
      Embedding.accumulateGradient(tokens: tokens, vectorGradients: weights, into: &gradient)
      let failures = GradientCheck.mismatches("table", analytic: gradient.values) { index, delta in
        var moved = table
        moved.table.values[index] += delta
        return weights.elementwiseDot(moved.lookup(tokens))
      }
      #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
      #expect(gradient.row(1) == [0, 0, 0], "token 1 was never read")
    }

    @Test("the whole model's backward matches finite differences on every tensor", arguments: TinyArchitecture.all)
    func wholeModel(architecture: TinyArchitecture) throws {
      // Keras's initial weights give gradients too small to test well: use larger ones.
      var model = try TinyModel.model(architecture, seed: 21)
      var generator = SeededGenerator(seed: 22)
      model.parameterVector = model.parameterVector.map { _ in generator.uniform(-1, 1) }
      let batch = try TinyModel.batch(for: model)
      GradientCheck.expectWholeModelMatches(model, sources: batch.sources, targets: batch.targets)
    }

    @Test("the commands model's shape (words, an Embedding on both sides) matches finite differences")
    func wordModel() throws {
      // The built-in recipe's vocabularies, lengths and bridge, at a size a check can afford.
      var configuration = BuiltInModel.commands.recipe().configuration
      configuration.encoder = EncoderConfiguration(units: 3, embeddingSize: 2)
      configuration.decoder = DecoderConfiguration(units: 3, embeddingSize: 2)
      var model = try Seq2SeqModel(configuration: configuration, seed: 23)
      var generator = SeededGenerator(seed: 24)
      model.parameterVector = model.parameterVector.map { _ in generator.uniform(-1, 1) }
      let examples = try [
        ("turn on the kitchen light", "the kitchen light is on"),
        ("please lock the hall door", "the hall door is locked"),
        ("open the office blinds please", "the office blinds are open"),
      ].map { try TrainingExample(source: $0.0, target: $0.1, configuration: configuration) }
      let batch = model.batch(examples)
      GradientCheck.expectWholeModelMatches(model, sources: batch.sources, targets: batch.targets)
    }
  }
}
