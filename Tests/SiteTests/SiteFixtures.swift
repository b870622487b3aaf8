import Foundation
import Markup
import Site
import TestSupport
import Trace

@testable import Figures

/// Small seeded models and their traces, the same on every run, for page tests.
enum SiteFixtures {
  /// The addition tutorial's shape (``TestSupport/TestModels/addition(seed:)``).
  static func additionModel(seed: UInt64 = 1) throws -> Seq2SeqModel { try TestModels.addition(seed: seed) }

  /// A small state-bridge copy model (``TestSupport/TestModels/copy(bidirectional:mergeMode:units:seed:tokens:unit:name:embeddingSize:)``).
  static func copyModel(
    bidirectional: Bool = false, mergeMode: MergeMode = .concat, units: Int = 6, seed: UInt64 = 2,
    tokens: [String] = ["a", "b", "c", "d"], unit: Vocabulary.Unit = .character, name: String = "copy",
    embeddingSize: Int? = nil
  ) throws -> Seq2SeqModel {
    try TestModels.copy(
      bidirectional: bidirectional, mergeMode: mergeMode, units: units, seed: seed, tokens: tokens, unit: unit, name: name,
      embeddingSize: embeddingSize)
  }

  static func copyTrace() throws -> ModelTrace { try copyModel().trace(input: "abca", target: "abca") }
  static func additionTrace(_ input: String = " 2+10", target: String = "12") throws -> ModelTrace {
    try additionModel().trace(input: input, target: target)
  }
  /// A small forecaster (numbers in and out): 6 values read, 3 written.
  static func seriesModel(seed: UInt64 = 3) throws -> Seq2SeqModel {
    let values = Vocabulary(tokens: ["x"])
    return try Seq2SeqModel(
      configuration: Seq2SeqConfiguration(
        name: "forecaster", bridge: .repeatVector, encoder: EncoderConfiguration(units: 4),
        decoder: DecoderConfiguration(units: 4), inputVocabulary: values, outputVocabulary: values,
        maxInputLength: 6, maxOutputLength: 3, series: SeriesConfiguration()),
      seed: seed)
  }
  static func seriesTrace(target: String? = "0.5,0.1,-0.4") throws -> ModelTrace {
    try seriesModel().trace(input: "0.1,0.5,0.9,0.6,-0.2,-0.7", target: target)
  }
  static func bidirectionalTrace() throws -> ModelTrace {
    try copyModel(bidirectional: true, units: 4).trace(input: "dcba", target: "dcba")
  }

  /// A copy model whose encoder's backward layer is relu and whose decoder is bidirectional:
  /// it traces only teacher-forced. `tokens` lets a test put hostile tokens in.
  static func bidirectionalDecoderModel(tokens: [String] = ["a", "b", "c", "d"]) throws -> Seq2SeqModel {
    let input = Vocabulary(tokens: tokens)
    let output = Vocabulary(tokens: ["\t", "\n"] + tokens)
    return try Seq2SeqModel(
      configuration: Seq2SeqConfiguration(
        name: "bicopy-decoder", bridge: .states,
        encoder: EncoderConfiguration(
          units: 4, bidirectional: true, backwardLayer: BackwardLayerConfiguration(activation: .relu)),
        decoder: DecoderConfiguration(units: 4, bidirectional: true),
        inputVocabulary: input, outputVocabulary: output, maxInputLength: 6, maxOutputLength: 8,
        startToken: "\t", endToken: "\n"),
      seed: 3)
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
      TrainingHistoryView.Snapshot(
        epoch: epoch, trace: try copyModel(seed: UInt64(10 + epoch)).trace(input: "abc", target: "abc"))
    }
    return TrainingHistoryView(metrics: metrics, snapshots: snapshots)
  }

  /// The pages the browser tests open: a standalone trace page is written separately.
  static func sitePages() throws -> [Page] {
    let addition = try additionModel()
    let additionTraces = try [(" 2+10", "12"), ("99+99", "98"), (" 5+5", "10")].map {
      try addition.trace(input: $0.0, target: $0.1)
    }
    let copy = try copyModel(bidirectional: true, units: 4)
    // A word-level model with embeddings: its steps show the vector each word looks up.
    let words = try copyModel(
      units: 4, tokens: ["is", "lamp", "on", "the", "turn"], unit: .word, name: "words", embeddingSize: 3)
    let bidirectionalDecoder = try bidirectionalDecoderModel(tokens: ["a", "b", "<", "&"])
    let history = try history()
    var lesson = Page.trace(try copyTrace(), path: "lessons/copy.html", idPrefix: "lesson-6")
    lesson.template = .lesson
    lesson.sections.insert(
      PageSection(
        id: "intro", heading: "Before we start",
        html: "<p>Each step below is a real step of a real model. Use the buttons, the slider or the arrow keys.</p>"),
      at: 0)
    lesson.sections.append(
      PageSection(id: "training-s", heading: "Training", html: TrainingFigure(history: history, id: "training").html))
    // A quiz and presenter notes in the shapes present mode reads (PresentMarkup).
    lesson.sections.append(
      PageSection(
        id: "check", heading: "Check yourself",
        html: PresentMarkup.quiz(
          id: "quiz-1", question: "Which gate decides what the cell forgets?",
          choices: ["the input gate", "the forget gate", "the output gate"], answerIndex: 1,
          why: "The forget gate multiplies the previous cell state.", notes: "<p>Ask the class to vote first.</p>")
          + "<details class=\"presenter-notes\" data-notes-for=\"lesson-6-walk\"><summary>Notes for the teacher</summary>"
          + "<div class=\"notes-body\"><p>Pause on the bridge: ask what the decoder knows.</p></div></details>"))
    return [
      Page.model(addition.description, summary: ModelSummary(addition), traces: additionTraces, path: "models/addition.html"),
      Page.model(
        copy.description, summary: ModelSummary(copy), traces: [try copy.trace(input: "dcba", target: "dcba")],
        path: "models/bicopy.html"),
      Page.model(
        words.description, summary: ModelSummary(words),
        traces: [try words.trace(input: "turn on the lamp", target: "the lamp is on")], path: "models/words.html"),
      Page.model(
        bidirectionalDecoder.description, summary: ModelSummary(bidirectionalDecoder),
        traces: [try bidirectionalDecoder.trace(input: "a<&b", target: "b&<a")], path: "models/bicopy-decoder.html"),
      lesson,
    ]
  }
}

extension SiteFixtures {
  /// A dates-sized state-bridge model: 128 units, 11-character inputs, up to 12 output steps.
  static func datesModel() throws -> Seq2SeqModel {
    let characters = "abcdefghijklmnopqrstuvwxyz0123456789 -,".map(String.init)
    let output = Vocabulary(tokens: ["\t", "\n"] + "0123456789-".map(String.init))
    return try Seq2SeqModel(
      configuration: Seq2SeqConfiguration(
        name: "dates", bridge: .states, encoder: EncoderConfiguration(units: 128), decoder: DecoderConfiguration(units: 128),
        inputVocabulary: Vocabulary(tokens: characters), outputVocabulary: output, maxInputLength: 16, maxOutputLength: 12,
        startToken: "\t", endToken: "\n"),
      seed: 7)
  }

  /// A lesson-sized page: prose, three walks (the first in full detail, two compact) with their comparisons, the heatmaps of
  /// one trace, the architecture and a training figure.
  static func lessonSizedPage() throws -> Page {
    let model = try datesModel()
    let traces = try [("june 3, 2026", "2026-06-03"), ("dec 25, 1999", "1999-12-25"), ("1 jan 2000", "2000-01-01")].map {
      try model.trace(input: $0.0, target: $0.1)
    }
    var sections = [PageSection(id: "intro", heading: "Dates", html: "<p>Three dates, step by step.</p>")]
    for (index, trace) in traces.enumerated() {
      sections.append(
        PageSection(
          id: "ex\(index)", heading: "Example \(index + 1)",
          html: TraceWalkFigure(trace: trace, id: "ex\(index)-walk", detail: index == 0 ? .full : .compact).html
            + DecodeComparisonFigure(trace: trace, id: "ex\(index)-compare").html))
    }
    sections.append(
      PageSection(
        id: "heat", heading: "Every gate",
        html: HeatmapFigure(trace: traces[0], part: .encoder, follows: "ex0-walk", id: "h-enc").html
          + HeatmapFigure(trace: traces[0], part: .decoder, follows: "ex0-walk", id: "h-dec").html))
    sections.append(
      PageSection(
        id: "model", heading: "The model",
        html: ArchitectureFigure(model: model.description, summary: ModelSummary(model), id: "arch").html))
    sections.append(
      PageSection(id: "training-s", heading: "Training", html: TrainingFigure(history: try history(), id: "training").html))
    return Page(path: "lessons/dates.html", title: "Reading dates", template: .lesson, sections: sections)
  }
}
