import Foundation
import Markup
import Site
import Testing
import Trace

@testable import Figures

/// Pages for a model whose decoder is bidirectional: a teacher-forced walk, the figure that
/// shows why it cannot decode free-running, and no free-running decode anywhere.
@Suite("Bidirectional decoder pages")
struct BidirectionalDecoderPageTests {
  static func trace() throws -> ModelTrace {
    try SiteFixtures.bidirectionalDecoderModel(tokens: ["a", "b", "<", "&"]).trace(input: "a<&b", target: "b&<a")
  }

  @Test("the figure says in words which tokens the backward half needs before they are written")
  func figure() throws {
    let html = BidirectionalDecoderFigure(trace: try Self.trace(), id: "bd").html.string
    #expect(html.hasPrefix("<figure") && html.contains("<figcaption>") && html.hasSuffix("</figure>"))
    #expect(html.contains("<title id=\"bd-svg-title\">"), "the SVG has a text alternative")
    #expect(html.contains("not written yet") && html.contains("not yet"), "text, not colour alone, marks the missing tokens")
    #expect(!html.contains("<&") && html.contains("&lt;"), "tokens are escaped")
    #expect(html.contains("class=\"chosen\""))
  }

  @Test("a trace page walks the teacher-forced decode and shows why instead of the comparison")
  func tracePage() throws {
    let page = Page.trace(try Self.trace(), path: "trace.html", idPrefix: "t")
    let ids = page.sections.map(\.id)
    #expect(ids.contains("t-bidec-s") && !ids.contains("t-compare-s"))
    #expect(page.lede?.contains("cannot decode free-running") == true)
    let walk = try #require(page.sections.first { $0.id == "t-walk-s" }).html
    #expect(walk.contains("teacher forcing") && walk.contains("Its backward half has already read"))
    let heat = try #require(page.sections.first { $0.id == "t-heat-s" }).html
    #expect(heat.contains("id=\"t-heat-dec\"") && heat.contains("id=\"t-heat-dec-bwd\""), "both halves' heatmaps")
    #expect(heat.contains("backward half, teacher-forced (processing order"))
  }

  @Test("the cell diagram's previous state at the first step is the forward half's own, not all four states averaged")
  func firstStepPreviousState() throws {
    let trace = try Self.trace()
    let forwardCell = try #require(trace.bridge.forwardCell), forwardHidden = try #require(trace.bridge.forwardHidden)
    let allCell = try #require(trace.bridge.cell)
    #expect(forwardCell.count == trace.model.decoderUnits && allCell.count == 2 * trace.model.decoderUnits)
    let html = LSTMCellFigure(trace: trace, step: .teacherForced(0), unit: 1, id: "c").html.string
    func mean(_ values: [Float]) -> String { NumberText.fixed(values.reduce(0, +) / Float(values.count), decimals: 3) }
    #expect(
      html.contains("previous cell state: mean \(mean(forwardCell)), unit 1 \(NumberText.fixed(forwardCell[1], decimals: 3))"))
    #expect(html.contains("previous hidden state: mean \(mean(forwardHidden))"))
    #expect(mean(allCell) == mean(forwardCell) || !html.contains("previous cell state: mean \(mean(allCell)),"))
  }

  @Test("the model page and the walkthrough handle a trace with no free-running decode")
  func modelPageAndWalkthrough() throws {
    let model = try SiteFixtures.bidirectionalDecoderModel()
    let trace = try model.trace(input: "abcd", target: "dcba")
    let page = Page.model(trace.model, summary: ModelSummary(model), traces: [trace], path: "models/m.html")
    let html = page.sections.map(\.html).joined()
    #expect(html.contains("bidec-figure") && !html.contains("compare-figure"))
    #expect(html.contains("teacher-forced only") && html.contains("(relu)"), "the architecture names both differences")
    #expect(page.lede?.contains("bidirectional decoder") == true)
    let deck = Walkthrough(trace: trace)
    #expect(deck.slides.map(\.id).contains("w-bidec") && !deck.slides.map(\.id).contains("w-free"))
    let summary = try #require(deck.slides.first { $0.id == "w-summary" }).html
    #expect(summary.contains("There is no free-running decode"))
  }
}
