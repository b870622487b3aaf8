import Foundation
import Markup
import Testing
import Trace

@testable import Figures
@testable import Site

@Suite("Escaping")
struct EscapingTests {
  @Test(
    "HTML.escape replaces the five special characters",
    arguments: [
      ("<script>", "&lt;script&gt;"), ("a & b", "a &amp; b"), ("\"'", "&quot;&#39;"), ("plain", "plain"),
    ])
  func escape(input: String, expected: String) {
    #expect(HTML.escape(input) == expected)
  }

  @Test("a String interpolated into HTML is escaped; an HTML value passes through as it is")
  func interpolation() {
    let hostile = "<script>alert('x')</script> & \"quoted\""
    let markup: HTML = "<b>bold</b>"
    let html: HTML = "<p title=\"\(hostile)\">\(hostile) \(markup) \(3)</p>"
    #expect(
      html.string
        == "<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot; <b>bold</b> 3</p>",
      "text is escaped, markup and numbers are not")
    #expect((markup + HTML(text: hostile)).string == "<b>bold</b>" + HTML.escape(hostile), "+ keeps markup, HTML(text:) escapes")
    #expect([markup, "<i>i</i>"].joined(separator: "<br>").string == "<b>bold</b><br><i>i</i>", "joined keeps markup")
  }

  @Test(
    "the about page names a checkpoint by a path relative to the lessons, never an absolute one",
    arguments: [
      ("addition", "addition"), ("models/tiny.safetensors", "models/tiny.safetensors"),
      ("/home/ann/secret/tiny.safetensors", "tiny.safetensors"),
    ])
  func publishedCheckpointName(name: String, shown: String) {
    #expect(TutorialSite.publishedName(of: name) == shown)
  }

  @Test(
    "a theme's template that does not parse is one line naming the place, not a parser dump",
    arguments: [
      ("<p>{{#items}}{{/other}}</p>", "line 1, column 17: a section is closed with another name than it was opened with"),
      ("<p>\n{{#items}}</p>", "line 2, column 15: a section is never closed; close it with {{/name}}"),
    ])
  func badTemplate(template: String, expected: String) throws {
    var resources = try SiteResources()
    resources.templates["page"] = template
    #expect(throws: SiteBuildError.badTemplate(name: "page", message: expected)) {
      _ = try PageRenderer(resources: resources)
    }
  }

  @Test("hostile tokens and names come out escaped on every page and in every figure")
  func hostileVocabulary() throws {
    let model = try SiteFixtures.copyModel(tokens: ["<script>", "&", "\"", "b"], unit: .word, name: "<b>evil</b> & co")
    let trace = try model.trace(input: "<script> & \" b", target: "& b")
    let renderer = try PageRenderer()
    let pages = [
      renderer.standalone(Page.trace(trace)),
      renderer.render(
        Page.model(model.description, summary: ModelSummary(model), traces: [trace], path: "m.html"), navigation: [], home: nil),
      HeatmapFigure(trace: trace, part: .decoder, id: "h").html.string,
      TraceWalkFigure(trace: trace, feeding: .teacherForced, id: "w").html.string,
    ]
    for html in pages {
      #expect(!html.contains("<script> &"), "the raw input never reaches the page")
      #expect(!html.contains("<b>evil"), "the model name is escaped")
      let body = Snapshot.main(of: html)
      #expect(!body.contains("<script"), "no script element inside <main>")
      #expect(body.contains("&lt;script&gt;"), "the token is shown, escaped")
    }
  }

  @Test("special tokens are shown as ⟨start⟩, ⟨end⟩ and ␣")
  func displayTokens() {
    #expect(HTML.displayToken("\t") == "⟨start⟩")
    #expect(HTML.displayToken("\n") == "⟨end⟩")
    #expect(HTML.displayToken(" ") == "␣")
  }
}
