import Foundation
import Markup
import Site
import Testing

@testable import Figures

/// Writes the fixture site the browser tests open (tools/tests), when
/// `UNROLLED_SITE_FIXTURE_DIR` names a directory; otherwise does nothing.
///
/// `UNROLLED_SITE_FIXTURE_DIR=/tmp/site swift test --filter SiteFixture`
@Suite("SiteFixture")
struct SiteFixtureWriter {
  @Test("writes the fixture site for the browser tests")
  func writeFixtureSite() throws {
    guard let directory = ProcessInfo.processInfo.environment["UNROLLED_SITE_FIXTURE_DIR"], !directory.isEmpty else { return }
    let root = URL(fileURLWithPath: directory)
    let renderer = try PageRenderer()
    try SiteBuilder(renderer: renderer).build(
      try SiteFixtures.sitePages() + [try SiteFixtures.lessonSizedPage()], into: root.appendingPathComponent("site"))
    let standalone = renderer.standalone(Page.trace(try SiteFixtures.additionTrace(), path: "trace.html", idPrefix: "t"))
    try Data(standalone.utf8).write(to: root.appendingPathComponent("standalone-trace.html"))
    let bidirectional = renderer.standalone(Page.trace(try SiteFixtures.bidirectionalTrace(), path: "trace.html", idPrefix: "t"))
    try Data(bidirectional.utf8).write(to: root.appendingPathComponent("standalone-bidirectional.html"))
    let series = renderer.standalone(Page.trace(try SiteFixtures.seriesTrace(), path: "trace.html", idPrefix: "t"))
    try Data(series.utf8).write(to: root.appendingPathComponent("standalone-series.html"))
    let walkthrough = Walkthrough(
      trace: try SiteFixtures.copyTrace(), notes: ["w-bridge": "<p>Ask: what does the decoder know now?</p>"])
    try Data(renderer.walkthroughDeck(walkthrough).utf8).write(to: root.appendingPathComponent("standalone-walkthrough.html"))
    try Data(renderer.walkthroughDeck(walkthrough, handout: true).utf8).write(
      to: root.appendingPathComponent("standalone-handout.html"))
    // A dates-sized handout (128 units, 12-character input): long pages must still print one
    // step per page. Not a `standalone-` page: a deck is not held to a lesson page's weight.
    let dates = try SiteFixtures.datesModel().trace(input: "june 3, 2026", target: "2026-06-03")
    try Data(renderer.walkthroughDeck(trace: dates, handout: true).utf8).write(
      to: root.appendingPathComponent("handout-dates.html"))
  }
}
