import Foundation
import Site
import Trace

/// Small seeded models and their traces, the same on every run, for page tests.
enum SiteFixtures {
  /// The addition tutorial's shape: LSTM(75) → RepeatVector(2) → LSTM(50) → Dense(12).
  static func additionModel(seed: UInt64 = 1) throws -> Seq2SeqModel {
    let vocabulary = Vocabulary(tokens: "0123456789+ ".map(String.init))
    return try Seq2SeqModel(
      configuration: Seq2SeqConfiguration(
        name: "addition", bridge: .repeatVector, encoder: EncoderConfiguration(units: 75),
        decoder: DecoderConfiguration(units: 50), inputVocabulary: vocabulary, outputVocabulary: vocabulary,
        maxInputLength: 5, maxOutputLength: 2,
        inputPadding: Padding(width: 5, side: .left, token: " "),
        outputPadding: Padding(width: 2, side: .left, token: " ")),
      seed: seed)
  }

  /// A small state-bridge copy model, optionally bidirectional; `tokens` lets a test put
  /// hostile tokens such as `<script>` or `&` in the vocabularies.
  static func copyModel(
    bidirectional: Bool = false, mergeMode: MergeMode = .concat, units: Int = 6, seed: UInt64 = 2,
    tokens: [String] = ["a", "b", "c", "d"], unit: Vocabulary.Unit = .character, name: String = "copy"
  ) throws -> Seq2SeqModel {
    let input = Vocabulary(tokens: tokens, unit: unit)
    let output = Vocabulary(tokens: ["\t", "\n"] + tokens, unit: unit)
    return try Seq2SeqModel(
      configuration: Seq2SeqConfiguration(
        name: name, bridge: .states,
        encoder: EncoderConfiguration(units: units, bidirectional: bidirectional, mergeMode: mergeMode),
        decoder: DecoderConfiguration(units: bidirectional ? 2 * units : units),
        inputVocabulary: input, outputVocabulary: output, maxInputLength: 6, maxOutputLength: 8,
        startToken: "\t", endToken: "\n"),
      seed: seed)
  }

  static func copyTrace() throws -> ModelTrace { try copyModel().trace(input: "abca", target: "abca") }
  static func additionTrace(_ input: String = " 2+10", target: String = "12") throws -> ModelTrace {
    try additionModel().trace(input: input, target: target)
  }
  static func bidirectionalTrace() throws -> ModelTrace {
    try copyModel(bidirectional: true, units: 4).trace(input: "dcba", target: "dcba")
  }

  /// A made-up training history over snapshots of differently seeded models: enough to
  /// draw curves and the epoch slider (the numbers are not from real training).
  static func history() throws -> TrainingHistoryView {
    let metrics = (1...12).map { epoch in
      let e = Float(epoch)
      return TrainingHistoryView.EpochMetrics(
        epoch: epoch, loss: 2.2 / (1 + 0.45 * e), accuracy: min(0.99, 0.18 + 0.07 * e),
        validationLoss: 2.3 / (1 + 0.4 * e), validationAccuracy: min(0.97, 0.15 + 0.065 * e))
    }
    let snapshots = try [1, 6, 12].map { epoch in
      TrainingHistoryView.Snapshot(epoch: epoch, trace: try copyModel(seed: UInt64(10 + epoch)).trace(input: "abc", target: "abc"))
    }
    return TrainingHistoryView(metrics: metrics, snapshots: snapshots)
  }

  /// The pages the browser tests open: a standalone trace page is written separately.
  static func sitePages() throws -> [Page] {
    let addition = try additionModel()
    let additionTraces = try [(" 2+10", "12"), ("99+99", "98"), (" 5+5", "10")].map { try addition.trace(input: $0.0, target: $0.1) }
    let copy = try copyModel(bidirectional: true, units: 4)
    let history = try history()
    var lesson = Page.trace(try copyTrace(), path: "lessons/copy.html", idPrefix: "lesson-6")
    lesson.template = .lesson
    lesson.sections.insert(
      PageSection(id: "intro", heading: "Before we start", html: "<p>Each step below is a real step of a real model. Use the buttons, the slider or the arrow keys.</p>"),
      at: 0)
    lesson.sections.append(PageSection(id: "training-s", heading: "Training", html: TrainingFigure(history: history, id: "training").html))
    return [
      Page.model(addition.description, summary: ModelSummary(addition), traces: additionTraces, path: "models/addition.html"),
      Page.model(copy.description, summary: ModelSummary(copy), traces: [try copy.trace(input: "dcba", target: "dcba")], path: "models/bicopy.html"),
      lesson,
    ]
  }
}
