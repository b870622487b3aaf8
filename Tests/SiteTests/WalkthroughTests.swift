import Foundation
import Lessons
import Markup
import Site
import Testing
import Trace

@testable import Figures

@Suite("Walkthrough")
struct WalkthroughTests {
  @Test("a small deck matches its golden HTML inside <main>")
  func goldenDeck() throws {
    let trace = try SiteFixtures.copyModel(units: 3).trace(input: "ab", target: "ab")
    let html = try PageRenderer().walkthroughDeck(Walkthrough(trace: trace, notes: ["w-bridge": "<p>Ask why.</p>"]))
    try Snapshot.assertMatches(Snapshot.main(of: html), named: "copy-walkthrough-main.html")
  }

  @Test("slides run title, encoder, bridge, teacher-forced, free-running, comparison, summary")
  func slideOrder() throws {
    let withTarget = Walkthrough(trace: try SiteFixtures.copyTrace())
    #expect(withTarget.slides.map(\.id) == ["w-encoder", "w-bridge", "w-forced", "w-free", "w-compare", "w-summary"])
    let withoutTarget = Walkthrough(trace: try SiteFixtures.copyModel().trace(input: "abca"))
    #expect(withoutTarget.slides.map(\.id) == ["w-encoder", "w-bridge", "w-free", "w-summary"])
    #expect(withoutTarget.slides.map(\.heading).contains("The decoder"))
  }

  @Test("every step of the trace is a step of the deck, each with its narration")
  func everyStep() throws {
    let trace = try SiteFixtures.bidirectionalTrace()
    let html = try PageRenderer().deckContent(Walkthrough(trace: trace))
    let forced = try #require(trace.teacherForced)
    let steps =
      trace.encoder.forward.count + (trace.encoder.backward?.count ?? 0) + 1 + forced.steps.count
      + trace.primaryDecode.steps.count
    #expect(html.components(separatedBy: "<li class=\"step\"").count - 1 == steps)
    #expect(html.components(separatedBy: "<p class=\"narration\"").count - 1 == steps)
    #expect(html.contains("id=\"w-encoder-walk/backward-0\""), "the backward encoder's steps are slides too")
    #expect(html.contains("id=\"w-forced-walk/forced-0\"") && html.contains("id=\"w-free-walk/decoder-0\""))
  }

  @Test("the deck opens presenting; the handout opens as a page")
  func modes() throws {
    let renderer = try PageRenderer()
    let walkthrough = Walkthrough(trace: try SiteFixtures.copyTrace())
    #expect(renderer.walkthroughDeck(walkthrough).contains("<article class=\"deck\" data-deck=\"present\">"))
    #expect(
      renderer.walkthroughDeck(walkthrough, handout: true).contains("<article class=\"deck handout\" data-deck=\"handout\">"))
  }

  @Test("the deck is one file: styles and scripts inline, nothing to fetch")
  func selfContained() throws {
    let html = try PageRenderer().walkthroughDeck(trace: try SiteFixtures.additionTrace())
    #expect(!html.contains("<link"), "stylesheets are inlined")
    #expect(!html.contains("<script src"), "scripts are inlined")
    #expect(!html.contains("http://") && !html.contains("https://"), "no URL to fetch")
    #expect(html.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#") }, "url() only names SVG markers")
    #expect(html.components(separatedBy: "<style>").count - 1 == 2, "site.css and present.css")
    #expect(html.components(separatedBy: "<script>").count - 1 == 2, "stepper.js and present.js")
    #expect(html.contains("unrolled present mode") && html.contains("<symbol"), "present.js and the SVG definitions")
  }

  @Test("a hostile input, target, vocabulary and model name come out escaped in the deck")
  func escaping() throws {
    let model = try SiteFixtures.copyModel(tokens: ["<script>", "&", "\"", "b"], unit: .word, name: "<b>evil</b> & co")
    let trace = try model.trace(input: "<script> & \" b", target: "& b")
    for html in [
      try PageRenderer().walkthroughDeck(trace: trace), try PageRenderer().walkthroughDeck(trace: trace, handout: true),
    ] {
      #expect(!html.contains("<script> &"), "the raw input never reaches the page")
      #expect(!html.contains("<b>evil"), "the model name is escaped")
      // A word model's text is shown as words: its spaces only separate them (no ␣).
      #expect(html.contains("<title>“&lt;script&gt; &amp; &quot; b” through &lt;b&gt;evil&lt;/b&gt; &amp; co · unrolled</title>"))
      let body = Snapshot.main(of: html)
      #expect(!body.contains("<script"), "no script element inside <main>")
      #expect(body.contains("&lt;script&gt;"), "the token is shown, escaped")
      #expect(!body.contains("‘<script>’"), "the narration escapes tokens too")
    }
  }

  @Test("a quiz in present mode's shape escapes its texts and names its answer by index")
  func quizMarkup() {
    let html = PresentMarkup.quiz(
      id: "q", question: "<b>Which</b>?", choices: ["a & b", "c"], answerIndex: 1, why: "Because <i>.", notes: "<p>Vote.</p>")
    #expect(html.string.hasPrefix("<section class=\"quiz\" id=\"q\" data-quiz data-answer=\"1\" aria-labelledby=\"q-q\">"))
    #expect(html.contains("&lt;b&gt;Which&lt;/b&gt;?") && html.contains("<li data-choice>a &amp; b</li>"))
    #expect(html.contains("<details class=\"quiz-reveal\" data-reveal>") && html.contains("Because &lt;i&gt;."))
    #expect(html.contains("<div class=\"notes-body\"><p>Vote.</p></div>"), "notes are trusted HTML, kept as given")
  }

  @Test("every panel ?focus= names is marked on some page, and every mark is a named panel")
  func panelsAreMarked() throws {
    let renderer = try PageRenderer()
    var html = try SiteFixtures.sitePages().map { renderer.mainContent($0) }.joined()
    html += renderer.mainContent(try SiteFixtures.lessonSizedPage())
    let marked = Set(
      html.components(separatedBy: "data-panel=\"").dropFirst().flatMap {
        $0.prefix { $0 != "\"" }.split(separator: " ").map(String.init)
      })
    #expect(marked == Set(PresentMarkup.panels.map(\.name)))
  }

  @Test("a lesson's quiz block becomes the same markup")
  func lessonQuiz() {
    let quiz = Quiz(
      question: "Which gate forgets?", choices: ["input", "forget"], answerIndex: 1, why: "It multiplies c.",
      location: SourceLocation(file: "a.md", line: 1, column: 1))
    #expect(
      PresentMarkup.quiz(quiz, id: "q")
        == PresentMarkup.quiz(
          id: "q", question: "Which gate forgets?", choices: ["input", "forget"], answerIndex: 1, why: "It multiplies c."))
  }

  @Test("a walk's lesson notes are on the page, closed, after its steps")
  func walkNotes() throws {
    let html = TraceWalkFigure(trace: try SiteFixtures.copyTrace(), id: "w", notes: "<p>Pause here.</p>").html.string
    #expect(
      html.hasSuffix(
        "</ol><details class=\"presenter-notes\" data-notes><summary>Notes for the teacher</summary><div class=\"notes-body\"><p>Pause here.</p></div></details></figure>"
      ))
  }
}
