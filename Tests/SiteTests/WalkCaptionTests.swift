import Markup
import Site
import Testing
import Trace

@testable import Figures

/// The walk says what the decoder really reads: a plain repeat bridge's decoder reads the
/// repeated encoding whichever decode it is, never "its own previous prediction".
@Suite("What the walk says the decoder reads")
struct WalkCaptionTests {
  @Test(
    "a plain repeat bridge reads the repeated encoding, teacher-forced or free-running",
    arguments: [
      DecodeRecord.Feeding.teacherForced, .freeRunning,
    ])
  func repeatBridge(feeding: DecodeRecord.Feeding) throws {
    let html = TraceWalkFigure(trace: try SiteFixtures.additionTrace(), feeding: feeding, id: "w").html.string
    #expect(html.contains("the decoder reads the repeated encoding at every step."))
    #expect(
      !html.contains("own previous prediction (free-running).</figcaption>") && !html.contains("(teacher forcing).</figcaption>"))
  }

  @Test("a repeat bridge's steps are decoder steps, not teacher-forced ones, even in the teacher-forced walk")
  func repeatBridgeSteps() throws {
    let html = TraceWalkFigure(trace: try SiteFixtures.additionTrace(), feeding: .teacherForced, id: "w").html.string
    #expect(html.contains("data-announce=\"decoder step 1 of 2: fed the repeated encoding"))
    #expect(!html.contains("teacher-forced decoder step"))
    let copy = TraceWalkFigure(trace: try SiteFixtures.copyTrace(), feeding: .teacherForced, id: "w").html.string
    #expect(copy.contains("data-announce=\"teacher-forced decoder step 1 of"))
  }

  @Test("a state bridge is fed the true previous token or its own prediction, as the decode says")
  func stateBridge() throws {
    let trace = try SiteFixtures.copyTrace()
    #expect(
      TraceWalkFigure(trace: trace, feeding: .teacherForced, id: "w").html.contains(
        "is fed the true previous token (teacher forcing)."))
    #expect(
      TraceWalkFigure(trace: trace, feeding: .freeRunning, id: "w").html.contains(
        "is fed its own previous prediction (free-running)."))
  }

  @Test("a walkthrough deck of a repeat bridge does not call its decode free-running prediction")
  func deck() throws {
    let deck = try PageRenderer().walkthroughDeck(trace: try SiteFixtures.additionTrace())
    #expect(deck.contains("Each step reads the same repeated encoding; the decoder&#39;s own state tells the steps apart."))
    #expect(deck.contains("Teacher forcing changes nothing here: each step reads the same repeated encoding."))
    #expect(!deck.contains("own previous prediction, as when") && !deck.contains("the true previous token, as in training"))
  }
}
