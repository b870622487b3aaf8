import Foundation
import Markup
import Testing
import Trace

@testable import Figures
@testable import Site

@Suite("Pages")
struct PageRenderingTests {
  @Test("a word model's architecture shows its Embedding, a character model's does not")
  func architectureEmbedding() throws {
    let words = try SiteFixtures.copyModel(
      units: 4, tokens: ["is", "lamp", "on", "the", "turn"], unit: .word, name: "words", embeddingSize: 3)
    let html = ArchitectureFigure(model: words.description, id: "a").html.string
    #expect(
      html.contains(">Embedding</text>") && html.contains(">one word a step</text>") && html.contains(">embeds last token</text>")
    )
    #expect(html.contains("Each input word is looked up in an embedding table of 3 numbers a row"))
    let characters = ArchitectureFigure(model: try SiteFixtures.copyModel().description, id: "a").html.string
    #expect(!characters.contains("Embedding") && characters.contains(">one token a step</text>"))
  }

  @Test("a small trace page matches its golden HTML inside <main>")
  func goldenTracePage() throws {
    let trace = try SiteFixtures.copyModel(units: 3).trace(input: "ab", target: "ab")
    let html = try PageRenderer().standalone(Page.trace(trace, path: "trace.html", idPrefix: "g"))
    try Snapshot.assertMatches(Snapshot.main(of: html), named: "copy-trace-main.html")
  }

  @Test("a model page with architecture and summary matches its golden HTML")
  func goldenModelPage() throws {
    let model = try SiteFixtures.copyModel(bidirectional: true, units: 2)
    let page = Page.model(
      model.description, summary: ModelSummary(model), traces: [try model.trace(input: "ba", target: "ba")],
      path: "models/bicopy.html")
    let html = try PageRenderer().render(page, navigation: [], home: nil)
    try Snapshot.assertMatches(Snapshot.main(of: html), named: "bicopy-model-main.html")
  }

  @Test("the standalone page has no external reference at all")
  func standaloneIsSelfContained() throws {
    let html = try PageRenderer().standalone(Page.trace(try SiteFixtures.additionTrace()))
    #expect(!html.contains("<link"), "stylesheets are inlined")
    #expect(!html.contains("<script src"), "the script is inlined")
    #expect(!html.contains("http://") && !html.contains("https://"), "no URL to fetch")
    #expect(!html.contains("url(http"), "no remote CSS resource")
    #expect(html.contains("<style>") && html.contains("data-stepper"))
  }

  @Test("every page has the layout's landmarks and language")
  func layoutLandmarks() throws {
    let html = try PageRenderer().standalone(Page.trace(try SiteFixtures.copyTrace()))
    for fragment in [
      "<html lang=\"en\">", "<meta charset=\"utf-8\">", "name=\"viewport\"", "class=\"skip-link\" href=\"#content\"",
      "<main id=\"content\"",
    ] {
      #expect(html.contains(fragment), "layout must contain \(fragment)")
    }
  }

  @Test("every stepper step carries its announcement and its address")
  func stepsAnnounce() throws {
    let trace = try SiteFixtures.copyTrace()
    let html = TraceWalkFigure(trace: trace, id: "lesson-6").html.string
    let steps = trace.encoder.forward.count + 1 + trace.primaryDecode.steps.count
    #expect(html.components(separatedBy: "<li class=\"step\"").count - 1 == steps)
    #expect(html.contains("id=\"lesson-6/decoder-0\""))
    let first = try #require(trace.primaryDecode.steps.first)
    #expect(first.fedTokenSource == .startToken)
    #expect(
      html.contains("data-announce=\"decoder step 1 of \(trace.primaryDecode.steps.count): fed ‘⟨start⟩’ (start), predicted"))
  }

  @Test("teacher-forced steps are badged ground truth and the divergence is marked in words")
  func comparisonMarksDivergence() throws {
    let trace = try SiteFixtures.copyTrace()
    let html = DecodeComparisonFigure(trace: trace, id: "c").html.string
    #expect(html.contains("ground truth"))
    if trace.firstDivergence != nil { #expect(html.contains("first divergence")) }
  }

  @Test("the worked arithmetic uses the step's real numbers")
  func workedArithmetic() throws {
    let trace = try SiteFixtures.copyTrace()
    let cell = trace.encoder.forward[1].state
    let html = LSTMCellFigure(trace: trace, step: .encoder(1), unit: 2, id: "cell").html.string
    func operand(_ value: Float) -> String {
      let text = NumberText.fixed(value)
      return text.hasPrefix("−") ? "(\(text))" : text
    }
    let previousCell = trace.encoder.forward[0].state.cell[2]
    let line =
      "= \(operand(cell.forgetGate[2])) × \(operand(previousCell)) + \(operand(cell.inputGate[2])) × \(operand(cell.candidate[2])) ="
    #expect(html.contains(line), "f × c_{t−1} + i × g with unit 2's values")
    #expect(html.contains("<strong>\(NumberText.fixed(cell.cell[2]))</strong>"), "c_t of unit 2")
    #expect(html.contains("<strong>\(NumberText.fixed(cell.hidden[2]))</strong>"), "h_t of unit 2")
  }

  @Test("the training figure draws both curves with labelled axes and an epoch stepper")
  func trainingFigure() throws {
    let html = TrainingFigure(history: try SiteFixtures.history(), id: "training").html.string
    #expect(html.components(separatedBy: "<polyline").count - 1 == 4)
    #expect(html.contains(">epoch</text>") && html.contains("<title id=\"training-loss-t\">Loss by epoch</title>"))
    #expect(html.contains("id=\"training-epochs/epoch-2\""))
  }

  @Test("a probe's loss is its own, by decode, and the epoch's training loss is labelled as the epoch's mean")
  func probeLosses() throws {
    let copy = try SiteFixtures.copyTrace()
    let forced = try #require(copy.teacherForced?.meanLoss), free = try #require(copy.freeRunningDecode?.meanLoss)
    let text = TrainingFigure.lossesText(of: copy, epochLoss: 0.0138)
    #expect(
      text
        == " · this input's loss \(NumberText.significant(forced)) teacher-forced, \(NumberText.significant(free)) free-running · the epoch's mean training loss 0.0138"
    )
    let addition = TrainingFigure.lossesText(of: try SiteFixtures.additionTrace(), epochLoss: nil)
    #expect(addition.string.hasSuffix("(both decodes read the repeated encoding)"), "a plain repeat bridge's two decodes are one")
    #expect(TrainingFigure.lossesText(of: try SiteFixtures.copyModel().trace(input: "ab"), epochLoss: nil).isEmpty)
    let html = TrainingFigure(history: try SiteFixtures.history(), id: "training").html.string
    #expect(html.contains("the epoch&#39;s mean training loss") || html.contains("the epoch's mean training loss"))
    #expect(!html.contains("</span> · loss "), "no unlabelled loss beside a probe's output")
  }

  // 300 KB before every step carried its narration (about 0.4 KB a full step, 0.15 KB a
  // compact one): the budget grew by what the sentences weigh on this page.
  @Test("a lesson-sized page with three dates-sized traces, narrated, stays under 320 KB")
  func pageWeight() throws {
    let html = try PageRenderer().render(try SiteFixtures.lessonSizedPage(), navigation: [], home: nil)
    let kilobytes = Double(html.utf8.count) / 1024
    #expect(kilobytes < 320, "the lesson page weighs \(Int(kilobytes)) KB")
  }

  @Test("a walk can be limited to some steps, as a lesson's `steps:` asks")
  func walkSubset() throws {
    let trace = try SiteFixtures.copyTrace()
    let html = TraceWalkFigure(trace: trace, id: "w", steps: [.decoder(0), .decoder(1)]).html.string
    #expect(html.components(separatedBy: "<li class=\"step\"").count - 1 == 2)
    #expect(html.contains("id=\"w/decoder-1\"") && !html.contains("id=\"w/encoder-0\""))
  }

  @Test("heatmaps draw exactly the units asked for, in order")
  func heatmapUnits() throws {
    let trace = try SiteFixtures.copyTrace()
    let html = HeatmapFigure(trace: trace, part: .encoder, quantities: [.forgetGate], units: [4, 1, 99], id: "h").html.string
    let rowHeaders = html.components(separatedBy: "<th scope=\"row\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    #expect(rowHeaders == ["4", "1"], "unit 99 does not exist and is skipped")
  }

  @Test("an author's caption comes first in every figure, escaped")
  func authorCaptions() throws {
    let trace = try SiteFixtures.bidirectionalTrace()
    let caption = "Look at <this> & that."
    let figures = [
      LSTMCellFigure(trace: trace, step: .encoder(0), caption: caption, id: "a").html,
      HeatmapFigure(trace: trace, part: .encoder, caption: caption, id: "b").html,
      DecodeComparisonFigure(trace: trace, caption: caption, id: "c").html,
      BidirectionalFigure(trace: trace, caption: caption, id: "d").html,
      ArchitectureFigure(model: trace.model, caption: caption, id: "e").html,
      TrainingFigure(history: try SiteFixtures.history(), caption: caption, id: "f").html,
      TraceWalkFigure(trace: trace, id: "g", caption: caption).html,
    ]
    for html in figures {
      let escaped = "Look at &lt;this&gt; &amp; that."
      #expect(html.contains("<figcaption>" + escaped) || html.contains("-caption\">" + escaped))
    }
  }

  @Test(
    "numbers are short and use a real minus sign",
    arguments: [
      (Float(0.91234), "0.912"), (-0.001234, "−0.00123"), (12.345, "12.3"), (-0.00001, "0"), (1, "1.00"),
    ])
  func numberText(value: Float, expected: String) {
    #expect(NumberText.significant(value) == expected)
  }
}
