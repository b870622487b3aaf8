import Foundation
import Testing

@testable import Trace
@testable import TraceCore

extension TrainingTests {
  @Suite("Trainer")
  struct TrainerTests {
    static let stateBridge = TinyArchitecture(bridge: .states, bidirectional: false)

    @Test("a tiny model learns to reverse every word of up to three letters")
    func learnsReversal() throws {
      let model = try TinyModel.model(Self.stateBridge, units: 16, seed: 3)
      let words = try TinyModel.reversalExamples(TinyModel.allWords, for: model)
      var trainer = try Trainer(
        model: model, options: TrainingOptions(epochs: 60, batchSize: 8, seed: 5, learningRate: 0.02, probeEpochs: []))
      var accuracies: [Float?] = []
      let history = try trainer.train(on: words, validation: words) { progress in
        if progress.batch == progress.batchCount { accuracies.append(progress.epochAccuracy) }
      }
      let first = try #require(history.epochs.first)
      let last = try #require(history.epochs.last)
      #expect(last.trainingLoss < first.trainingLoss / 10, "the loss falls from \(first.trainingLoss) to \(last.trainingLoss)")
      // The progress's training accuracy climbs from chance to (nearly) every token right.
      let firstAccuracy = try #require(accuracies.first ?? nil)
      let lastAccuracy = try #require(accuracies.last ?? nil)
      #expect(accuracies.count == 60 && firstAccuracy < 0.6 && lastAccuracy > 0.95, "\(firstAccuracy) -> \(lastAccuracy)")
      let validation = try #require(last.validation)
      #expect(validation.exactMatch == 1, "every word comes out reversed (\(validation))")
      #expect(validation.freeRunningCharacterAccuracy == 1)
      #expect(validation.teacherForcedCharacterAccuracy == 1)
    }

    @Test("the same seed and data give bit-identical weights and history", arguments: [1.0, 0.5])
    func deterministic(teacherForcingRatio: Double) throws {
      let model = try TinyModel.model(TinyArchitecture(bridge: .states, bidirectional: true), units: 4, seed: 2)
      let words = try TinyModel.reversalExamples(TinyModel.allWords, for: model)
      let options = TrainingOptions(
        epochs: 3, batchSize: 7, seed: 11, clipNorm: 1, teacherForcingRatio: teacherForcingRatio, probeEpochs: [])
      var first = try Trainer(model: model, options: options)
      var second = try Trainer(model: model, options: options)
      let firstHistory = try first.train(on: words, validation: words)
      let secondHistory = try second.train(on: words, validation: words)
      #expect(first.model.parameterVector != model.parameterVector, "training changed the weights")
      #expect(first.model.parameterVector == second.model.parameterVector, "every weight is bit for bit the same")
      #expect(firstHistory == secondHistory)

      var otherSeed = try Trainer(model: model, options: TrainingOptions(epochs: 3, batchSize: 7, seed: 12, probeEpochs: []))
      _ = try otherSeed.train(on: words)
      #expect(otherSeed.model.parameterVector != first.model.parameterVector, "another seed shuffles differently")
    }

    @Test("a batch cut in two halves has the loss and gradient of the whole batch", arguments: TinyArchitecture.all)
    func halvesMakeTheWholeBatch(architecture: TinyArchitecture) throws {
      let model = try TinyModel.model(architecture, units: 5, seed: 6)
      // Words of different lengths, so the halves count different numbers of pairs.
      let words = ["a", "abc", "ab", "cab", "b", "bca", "cc", "acb", "c"]
      let examples = try TinyModel.reversalExamples(words, for: model)
      var generator = SeededGenerator(seed: 1)
      let whole = model.forward(model.batch(examples), feeding: .teacherForcing, generator: &generator)
      let wholeGradients = model.backward(whole).flattened
      var halvesGenerator = SeededGenerator(seed: 1)
      let halves = model.batchGradient(examples, feeding: .teacherForcing, generator: &halvesGenerator)
      #expect(examples.count >= Seq2SeqModel.smallestSplitBatch, "the batch is cut")
      #expect(halves.pairs == whole.countedPairs)
      let wholeLoss = try #require(whole.trainingLoss)
      #expect(abs(halves.loss - wholeLoss) <= 1e-6 * wholeLoss, "loss \(halves.loss), whole batch \(wholeLoss)")
      let largest = wholeGradients.map(abs).max() ?? 0
      let difference = zip(halves.gradients, wholeGradients).map { abs($0 - $1) }.max() ?? 0
      #expect(largest > 0 && difference <= 1e-5 * largest, "gradients differ by \(difference) of \(largest)")
    }

    @Test("the halves' gradients are summed weighted by their pairs, bit for bit, by both cores")
    func halvesAreSummedExactly() throws {
      let model = try ModelFactory.addition()
      #expect(model.parameterCount >= Seq2SeqModel.smallestSplitSum, "the sum is cut in two pieces")
      let questions = ["1+2", "10+3", "4+4", "7+9", "2+10", "5+5", "8+1", "3+6", "9+9", "6+2", "1+1"]
      let examples = try questions.map { question in
        let sum = question.split(separator: "+").map { Int($0)! }.reduce(0, +)
        return try TrainingExample(source: question, target: String(sum), configuration: model.configuration)
      }
      var generator = SeededGenerator(seed: 4)
      let step = model.batchGradient(examples, feeding: .teacherForcing, generator: &generator)
      // The same two halves (6 and 5 questions, 12 and 10 pairs) by hand.
      var reference = SeededGenerator(seed: 4)
      let seeds = [reference.next(), reference.next()]
      let halves = [examples[..<6], examples[6...]].enumerated().map { index, half in
        var sampler = SeededGenerator(seed: seeds[index])
        let pass = model.forward(model.batch(half), feeding: .teacherForcing, generator: &sampler)
        return (pairs: pass.countedPairs, gradients: model.backward(pass).flattened)
      }
      let firstWeight = Float(halves[0].pairs) / 22, secondWeight = Float(halves[1].pairs) / 22
      let expected = zip(halves[0].gradients, halves[1].gradients).map { (0 + $0 * firstWeight) + $1 * secondWeight }
      #expect(halves.map(\.pairs) == [12, 10])
      #expect(step.gradients == expected)
      #expect(step.gradientsAreFinite && GradientClipping.allFinite(step.gradients), "found while summing")
    }

    @Test("the weighted sum finds a NaN or an infinity in either core's piece, and only then")
    func weightedSumFindsNonFiniteValues() {
      // Two tensors, 20,000 values: the sum is cut at 10,000, inside the first tensor.
      let sizes = [12_000, 8_000]
      var generator = SeededGenerator(seed: 3)
      let first = sizes.map { size in (0..<size).map { _ in generator.uniform(-1, 1) } }
      let second = sizes.map { size in (0..<size).map { _ in generator.uniform(-1, 1) } }
      #expect(sizes.reduce(0, +) >= Seq2SeqModel.smallestSplitSum, "both cores sum")
      let clean = Seq2SeqModel.weightedSum(first, weight: 0.25, second, weight: 0.75, count: 20_000)
      #expect(clean.allFinite)
      #expect(clean.sum == zip(first.joined(), second.joined()).map { (0 + $0 * 0.25) + $1 * 0.75 })
      // (tensor, index, value): in the first core's piece, the second core's piece of the same
      // tensor, the second tensor; and a finite value too large to double.
      for (tensor, index, bad) in [(0, 5, Float.nan), (0, 11_000, .infinity), (1, 7_999, -.infinity)] {
        var poisoned = second
        poisoned[tensor][index] = bad
        #expect(!Seq2SeqModel.weightedSum(first, weight: 0.25, poisoned, weight: 0.75, count: 20_000).allFinite, "\(bad)")
      }
      var overflowing = first
      overflowing[1][3] = .greatestFiniteMagnitude
      var alsoLarge = second
      alsoLarge[1][3] = .greatestFiniteMagnitude
      #expect(!Seq2SeqModel.weightedSum(overflowing, weight: 1, alsoLarge, weight: 1, count: 20_000).allFinite, "overflow")
    }

    @Test("a batch too small to cut is one pass, exactly")
    func smallBatchIsOnePass() throws {
      let model = try TinyModel.model(Self.stateBridge, units: 5, seed: 6)
      let examples = try TinyModel.reversalExamples(["ab", "c", "bca"], for: model)
      var reference = SeededGenerator(seed: 1)
      var sampler = SeededGenerator(seed: reference.next())  // the one piece's stream
      let whole = model.forward(model.batch(examples), feeding: .teacherForcing, generator: &sampler)
      var batchGenerator = SeededGenerator(seed: 1)
      let step = model.batchGradient(examples, feeding: .teacherForcing, generator: &batchGenerator)
      #expect(step.gradients == model.backward(whole).flattened)
      #expect(step.loss == whole.trainingLoss)
      #expect(step.gradientsAreFinite && GradientClipping.allFinite(step.gradients))
      #expect(batchGenerator.next() == reference.next(), "one value drawn from the generator")
    }

    @Test("two pieces of work run side by side and come back in order")
    func bothCoresKeepOrder() {
      #expect(BothCores.run(2) { $0 * 10 + 1 } == [1, 11])
      #expect(BothCores.run(1) { _ in "one" } == ["one"])
    }

    @Test("callers that want the second core at the same time each get their own results")
    func bothCoresUnderContention() async {
      // Eight tasks at once: one holds the helper thread, the others run both pieces themselves.
      let results = await withTaskGroup(of: (Int, [[Int]]).self) { group in
        for caller in 0..<8 {
          group.addTask {
            let rounds = (0..<200).map { round in
              BothCores.run(2) { piece in (0..<100).reduce(caller * 1_000 + round * 10 + piece) { $0 &+ $1 } }
            }
            return (caller, rounds)
          }
        }
        var all: [Int: [[Int]]] = [:]
        for await (caller, rounds) in group { all[caller] = rounds }
        return all
      }
      for caller in 0..<8 {
        let expected = (0..<200).map { round in [0, 1].map { caller * 1_000 + round * 10 + $0 + 4_950 } }
        #expect(results[caller] == expected, "caller \(caller)")
      }
    }

    @Test("scheduled sampling feeds the true token at about the chosen rate, the same for the same seed")
    func scheduledSamplingRate() throws {
      let model = try TinyModel.model(Self.stateBridge, seed: 4)
      let batch = model.batch(try TinyModel.reversalExamples(Array(repeating: "abc", count: 300), for: model))
      func sources(seed: UInt64) -> [TokenSource] {
        var generator = SeededGenerator(seed: seed)
        let pass = model.forward(
          sources: batch.sources, targets: batch.targets, feeding: .scheduledSampling(groundTruthProbability: 0.7),
          generator: &generator)
        return pass.decoderSteps.dropFirst().flatMap(\.fedTokenSources)
      }
      let fed = sources(seed: 9)
      #expect(fed.count == 900, "three fed steps after the start token, 300 rows")
      let truthRate = Double(fed.count { $0 == .groundTruth }) / Double(fed.count)
      #expect(abs(truthRate - 0.7) < 0.05, "ground truth at \(truthRate), expected about 0.7")
      #expect(fed.allSatisfy { $0 == .groundTruth || $0 == .ownPrediction })
      #expect(sources(seed: 9) == fed, "the same seed draws the same sources")
    }

    @Test("a raised cancellation flag stops training between batches and keeps the history")
    func cancellation() throws {
      let model = try TinyModel.model(Self.stateBridge, seed: 4)
      let words = try TinyModel.reversalExamples(TinyModel.allWords, for: model)
      var trainer = try Trainer(model: model, options: TrainingOptions(epochs: 5, batchSize: 4, seed: 1, probeEpochs: []))
      let flag = TrainingCancellation()
      var reports: [TrainingProgress] = []
      let history = try trainer.train(on: words, cancellation: flag) { progress in
        reports.append(progress)
        if progress.epoch == 2 && progress.batch == 3 { flag.cancel() }
      }
      #expect(history.stop == .cancelled(epoch: 2, batches: 3))
      #expect(history.epochs.count == 1, "only the first epoch finished")
      #expect(reports.count == 10 + 3, "ten batches of the first epoch, three of the second")
      #expect(reports.first?.batchCount == 10 && reports.first?.epochCount == 5)
    }

    @Test("a NaN loss stops training with an error that says so")
    func nanLossStops() throws {
      var model = try TinyModel.model(Self.stateBridge, seed: 4)
      model.output.bias[0] = .nan
      let words = try TinyModel.reversalExamples(["ab", "c"], for: model)
      var trainer = try Trainer(model: model, options: TrainingOptions(epochs: 1, probeEpochs: []))
      #expect {
        _ = try trainer.train(on: words)
      } throws: { error in
        guard case .nonFiniteLoss(epoch: 1, batch: 1, _) = error as? TrainingError else { return false }
        return "\(error)".contains("the loss became NaN")
      }
    }

    @Test("a learning-rate drop takes effect from the start of its epoch, as Keras's scheduler callback")
    func learningRateDrops() throws {
      let model = try TinyModel.model(Self.stateBridge, units: 4, seed: 6)
      let words = try TinyModel.reversalExamples(TinyModel.allWords, for: model)
      func trained(_ options: TrainingOptions) throws -> Trainer {
        var trainer = try Trainer(model: model, options: options)
        _ = try trainer.train(on: words)
        return trainer
      }
      let dropped = try trained(
        TrainingOptions(
          epochs: 2, batchSize: 8, seed: 1, learningRateDrops: [LearningRateDrop(epoch: 1, learningRate: 0.01)],
          probeEpochs: []))
      let fixed = try trained(TrainingOptions(epochs: 2, batchSize: 8, seed: 1, learningRate: 0.01, probeEpochs: []))
      #expect(
        dropped.model.parameterVector == fixed.model.parameterVector, "a drop at epoch 1 is the same as that rate throughout")
      let later = try trained(
        TrainingOptions(
          epochs: 2, batchSize: 8, seed: 1, learningRateDrops: [LearningRateDrop(epoch: 2, learningRate: 0.01)],
          probeEpochs: []))
      let unchanged = try trained(TrainingOptions(epochs: 2, batchSize: 8, seed: 1, probeEpochs: []))
      #expect(later.model.parameterVector != unchanged.model.parameterVector, "the second epoch ran at the lower rate")
      #expect(later.optimizer.learningRate == 0.01)
      let options = TrainingOptions(
        learningRate: 0.002,
        learningRateDrops: [LearningRateDrop(epoch: 3, learningRate: 0.001), LearningRateDrop(epoch: 5, learningRate: 0.0001)])
      #expect([1, 2, 3, 4, 5, 9].map { options.learningRate(atEpoch: $0) } == [0.002, 0.002, 0.001, 0.001, 0.0001, 0.0001])
      #expect(TrainingOptions(optimizer: .rmsprop).learningRate(atEpoch: 1) == RMSprop.defaultLearningRate)
    }

    @Test("learning-rate drops out of order or not positive are refused with a message")
    func invalidLearningRateDrops() throws {
      let model = try TinyModel.model(Self.stateBridge, seed: 4)
      #expect(throws: TrainingError.invalidOption("learning-rate drops must start at epoch 1 or later, in increasing order")) {
        _ = try Trainer(
          model: model,
          options: TrainingOptions(
            learningRateDrops: [LearningRateDrop(epoch: 5, learningRate: 0.1), LearningRateDrop(epoch: 5, learningRate: 0.01)]))
      }
      #expect(throws: TrainingError.invalidOption("the learning rate from epoch 2 must be a positive number, not 0.0")) {
        _ = try Trainer(model: model, options: TrainingOptions(learningRateDrops: [LearningRateDrop(epoch: 2, learningRate: 0)]))
      }
    }

    @Test("options saved before learning-rate drops existed still decode")
    func optionsWithoutDrops() throws {
      var json = try JSONEncoder().encode(TrainingOptions(epochs: 3))
      var object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
      object.removeValue(forKey: "learningRateDrops")
      json = try JSONSerialization.data(withJSONObject: object)
      let options = try JSONDecoder().decode(TrainingOptions.self, from: json)
      #expect(options.learningRateDrops == nil)
      #expect(options.learningRate(atEpoch: 2) == Adam.defaultLearningRate)
    }

    @Test("options out of range are refused with a message")
    func invalidOptions() throws {
      let model = try TinyModel.model(Self.stateBridge, seed: 4)
      #expect(throws: TrainingError.invalidOption("the batch size must be at least 1, not 0")) {
        _ = try Trainer(model: model, options: TrainingOptions(batchSize: 0))
      }
      #expect(throws: TrainingError.self) {
        _ = try Trainer(model: model, options: TrainingOptions(teacherForcingRatio: 1.5))
      }
    }

    @Test("probes are traced before training, at the chosen epochs and after the last, and survive JSON")
    func probesAndHistoryJSON() throws {
      let model = try TinyModel.model(Self.stateBridge, seed: 4)
      let words = try TinyModel.reversalExamples(["ab", "c", "cab"], for: model)
      var trainer = try Trainer(model: model, options: TrainingOptions(epochs: 4, batchSize: 2, seed: 1, probeEpochs: [0, 2]))
      let history = try trainer.train(
        on: words, validation: words, probes: [ProbeExample(input: "abc", target: "cba"), ProbeExample(input: "b", target: nil)])
      #expect(history.probes.map(\.epoch) == [0, 2, 4])
      #expect(history.probes.allSatisfy { $0.traces.count == 2 })
      #expect(
        history.probes.first?.traces.first == (try model.trace(input: "abc", target: "cba")), "epoch 0 is the untrained model")
      #expect(history.probes.last?.traces.first == (try trainer.model.trace(input: "abc", target: "cba")))
      #expect(history.epochs.map(\.epoch) == [1, 2, 3, 4])

      let json = try history.jsonData()
      #expect(try JSONDecoder().decode(TrainingHistory.self, from: json) == history)
      #expect(try history.jsonData() == json, "the same history gives the same bytes")
    }

    @Test("texts become ids of the model's vocabularies; unknown and reserved tokens are refused")
    func examplesFromText() throws {
      let configuration = TinyModel.configuration(Self.stateBridge)
      let example = try TrainingExample(source: "ab", target: "ba", configuration: configuration)
      #expect(example == TrainingExample(sourceIDs: [0, 1], targetIDs: [3, 2]))
      #expect(throws: TrainingError.unknownTokens(text: "ax", tokens: ["x"])) {
        try TrainingExample(source: "ax", target: "a", configuration: configuration)
      }
      #expect(throws: TrainingError.unknownTokens(text: "a\n", tokens: ["\n"])) {
        try TrainingExample(source: "a", target: "a\n", configuration: configuration)
      }
      let model = try TinyModel.model(Self.stateBridge)
      let batch = model.batch([example])
      #expect(batch.targets == [[3, 2, 1]], "the batch ends the target with the end token")
    }

    @Test("a repeat-bridge model learns to reverse too")
    func repeatBridgeLearns() throws {
      let model = try TinyModel.model(TinyArchitecture(bridge: .repeatVector, bidirectional: false), units: 16, seed: 3)
      let words = try TinyModel.reversalExamples(TinyModel.allWords, for: model)
      var trainer = try Trainer(
        model: model, options: TrainingOptions(epochs: 45, batchSize: 8, seed: 5, learningRate: 0.02, probeEpochs: []))
      let history = try trainer.train(on: words, validation: words)
      let validation = try #require(history.epochs.last?.validation)
      #expect(validation.exactMatch == 1, "every word comes out reversed (\(validation))")
    }

    @Test("a conditioned repeat-bridge model learns to reverse, with scheduled sampling")
    func conditionedRepeatBridgeLearns() throws {
      let architecture = TinyArchitecture(bridge: .repeatVector, bidirectional: false, conditioned: true)
      let model = try TinyModel.model(architecture, units: 16, seed: 3)
      let words = try TinyModel.reversalExamples(TinyModel.allWords, for: model)
      var trainer = try Trainer(
        model: model,
        options: TrainingOptions(
          epochs: 45, batchSize: 8, seed: 5, learningRate: 0.02, teacherForcingRatio: 0.8, probeEpochs: []))
      let history = try trainer.train(on: words, validation: words)
      let validation = try #require(history.epochs.last?.validation)
      #expect(validation.exactMatch == 1, "every word comes out reversed, decoding free-running (\(validation))")
    }

    @Test("an example longer than the model allows is refused before training")
    func tooLongExample() throws {
      let model = try TinyModel.model(Self.stateBridge, seed: 4)
      var trainer = try Trainer(model: model, options: TrainingOptions(epochs: 1, probeEpochs: []))
      let tooLong = TrainingExample(sourceIDs: [0, 1, 2, 0], targetIDs: [2])
      #expect {
        _ = try trainer.train(on: try TinyModel.reversalExamples(["ab"], for: model) + [tooLong])
      } throws: { error in
        guard case .unfitExample(index: 1, _) = error as? TrainingError else { return false }
        return true
      }
    }

    @Test("an unreadable probe is refused before any training")
    func unreadableProbe() throws {
      let model = try TinyModel.model(Self.stateBridge, seed: 4)
      var trainer = try Trainer(model: model, options: TrainingOptions(epochs: 1, probeEpochs: []))
      #expect(throws: TrainingError.self) {
        _ = try trainer.train(
          on: try TinyModel.reversalExamples(["ab"], for: model), probes: [ProbeExample(input: "xyz", target: nil)])
      }
      #expect(trainer.model == model)
    }

    @Test("the seeded Fisher–Yates shuffle is a permutation, fixed by the seed")
    func shuffle() {
      var first = SeededGenerator(seed: 3)
      var second = SeededGenerator(seed: 3)
      var a = Array(0..<50), b = Array(0..<50)
      first.shuffle(&a)
      second.shuffle(&b)
      #expect(a == b)
      #expect(a.sorted() == Array(0..<50))
      #expect(a != Array(0..<50))
    }

    @Test("validation counts a decode that stops early as missing the rest")
    func validationMetrics() throws {
      let model = try TinyModel.model(Self.stateBridge, seed: 4)
      let words = try TinyModel.reversalExamples(["abc", "cb"], for: model)
      let metrics = try #require(model.evaluate(words))
      #expect(metrics.exactMatch == 0, "an untrained model reverses nothing")
      #expect((0...1).contains(try #require(metrics.freeRunningCharacterAccuracy)))
      #expect(metrics.loss > 1, "an untrained model is unsure among five tokens (ln 5 ≈ 1.6)")
      #expect(model.evaluate([]) == nil)
    }
  }
}
