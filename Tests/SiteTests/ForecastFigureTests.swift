import Foundation
import Markup
import Site
import Testing
import Trace

@testable import Figures

@Suite("Forecast figure")
struct ForecastFigureTests {
  @Test("plots the series read, the forecast and the truth, told apart by more than colour")
  func plot() throws {
    let trace = try SiteFixtures.seriesTrace()
    let html = ForecastFigure(trace: trace, caption: "A <wave>", id: "fc").html.string
    #expect(html.hasPrefix("<figure class=\"figure forecast-figure\" id=\"fc\">"))
    #expect(html.contains("role=\"img\" aria-labelledby=\"fc-t fc-d\""), "the plot is an image with a title and description")
    for line in ["f-input", "f-forecast", "f-truth"] {
      #expect(html.contains("<polyline class=\"series \(line)\""), "\(line) is drawn")
    }
    #expect(html.contains("<circle class=\"marker f-input\"") && html.contains("<rect class=\"marker f-truth\""))
    #expect(html.contains("<path class=\"marker f-forecast\""), "each line has its own marker shape")
    for label in [">read</text>", ">forecast</text>", ">truth</text>"] {
      #expect(html.contains(label), "the legend names \(label)")
    }
    #expect(html.contains("A &lt;wave&gt;"), "the caption is escaped")
    #expect(html.contains("solid line, circles") && html.contains("dashed line, triangles"))
    let rows = html.components(separatedBy: "<tr><th scope=\"row\">").count - 1
    #expect(rows == 9, "the table lists the 6 values read and the 3 written")
    let forecast = try #require(trace.primaryDecode.steps.first?.predicted)
    #expect(html.contains("<td>\(forecast)</td>"), "the table holds the recorded forecast")
  }

  @Test("without a target it draws no truth; for a token model it draws nothing")
  func withoutTruth() throws {
    let html = ForecastFigure(trace: try SiteFixtures.seriesTrace(target: nil), id: "fc").html.string
    #expect(!html.contains("f-truth") && html.contains("f-forecast"))
    #expect(ForecastFigure(trace: try SiteFixtures.additionTrace(), id: "fc").html.isEmpty)
  }

  @Test("a series trace page shows the forecast first and no teacher-forcing comparison")
  func tracePage() throws {
    let page = Page.trace(try SiteFixtures.seriesTrace(), path: "trace.html", idPrefix: "t")
    #expect(page.sections.map(\.id) == ["t-forecast-s", "t-walk-s", "t-heat-s", "t-arch-s"])
    try Snapshot.assertMatches(try PageRenderer().mainContent(page), named: "forecast-trace-main.html")
  }

  @Test("a series model page plots each example and walks it")
  func modelPage() throws {
    let trace = try SiteFixtures.seriesTrace()
    let page = Page.model(trace.model, summary: nil, traces: [trace], path: "models/forecaster.html")
    let example = try #require(page.sections.last)
    #expect(example.heading == "Example 1: a series of 6 values")
    #expect(example.html.contains("forecast-figure") && example.html.contains("walk-figure"))
  }

  @Test("the epoch stepper of a forecaster plots each recorded epoch's forecast")
  func epochStepper() throws {
    let history = TrainingHistoryView(
      metrics: [.init(epoch: 1, loss: 0.2), .init(epoch: 2, loss: 0.1)],
      snapshots: [.init(epoch: 1, trace: try SiteFixtures.seriesTrace()), .init(epoch: 2, trace: try SiteFixtures.seriesTrace())])
    let html = TrainingFigure(history: history, id: "tr").html.string
    #expect(html.components(separatedBy: "<figure class=\"figure forecast-figure\"").count - 1 == 2, "one plot per epoch")
    #expect(html.contains("id=\"tr-epochs-0-plot\"") && html.contains("id=\"tr-epochs-1-plot\""), "unique ids")
  }
}
