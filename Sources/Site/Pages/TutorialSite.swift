import Figures
import Foundation
import Lessons
import Markup
import Trace

/// The whole tutorial: a home page, one page per lesson, the glossary, one page per model
/// and an about page, ready for ``SiteBuilder``.
///
/// ```
/// let pages = TutorialSite(lessons: set, materials: materials, generator: "unrolled 0.1.0").pages
/// // index.html, lessons/01-….html …, glossary.html, models/addition.html …, about.html
/// ```
public struct TutorialSite: Sendable {
  /// The lessons, in order.
  public var lessons: LessonSet
  /// Their traces, fact values and models.
  public var materials: LessonMaterials
  /// The name and version of the program that built the site, for the about page.
  public var generator: String
  /// Whether model pages get an input field that runs the model in the page (the site is
  /// then built with ``LiveAssets``, from ``liveAssets(module:)``).
  public var live: Bool

  /// A tutorial of `lessons` drawn from `materials`.
  public init(lessons: LessonSet, materials: LessonMaterials, generator: String, live: Bool = false) {
    self.lessons = lessons
    self.materials = materials
    self.generator = generator
    self.live = live
  }

  /// The assets the model pages' fields run on: `module` and the checkpoint of every model
  /// with a page, as the site's models hold their weights.
  public func liveAssets(module: [UInt8]) throws -> LiveAssets {
    var checkpoints: [String: [UInt8]] = [:]
    for name in materials.models.keys.sorted() {
      guard let entry = materials.models[name] else { continue }
      checkpoints[name] = try entry.model.checkpoint().serialized()
    }
    var domains: [String: TrainingDomain] = [:]
    for name in checkpoints.keys { domains[name] = BuiltInModel(rawValue: name)?.trainingDomain ?? .anything }
    return LiveAssets(module: module, checkpoints: checkpoints, domains: domains)
  }

  /// Every page, in a stable order.
  public var pages: [Page] {
    var pages = [home]
    pages += lessons.lessons.map { Page.lesson($0, in: lessons, materials: materials, live: live) }
    if let glossary = glossaryPage { pages.append(glossary) }
    pages += modelNames.map(modelPage)
    pages.append(about)
    return pages
  }

  private var modelNames: [String] { materials.modelExamples.keys.sorted() }
}

private extension TutorialSite {
  var home: Page {
    var body: HTML =
      "<section class=\"curriculum\" aria-labelledby=\"curriculum-h\"><h2 id=\"curriculum-h\">The lessons</h2><ol class=\"lesson-list\">"
    for lesson in lessons.lessons {
      body += "<li><h3><a href=\"lessons/\(lesson.slug).html\">\(lesson.title)</a></h3>"
      body +=
        "<p>\(lesson.summary) <span class=\"lesson-time\">(about \(lesson.minutes) minutes)</span></p><ul class=\"objectives\">"
      body += lesson.objectives.map { "<li>\($0)</li>" as HTML }.joined()
      body += "</ul></li>"
    }
    body += "</ol></section>\n"
    body += """
      <section class="how-to" aria-labelledby="how-h"><h2 id="how-h">How to use this site</h2>
      <p>Every figure is a real model's recording: the numbers are the gate values and states it computed. A figure that steps through time has buttons (first, previous, play, next, last) and a slider.</p>
      <ul>
      <li><kbd>Tab</kbd> to a figure, then <kbd>←</kbd> and <kbd>→</kbd> step back and forward, <kbd>Home</kbd> and <kbd>End</kbd> go to the first and last step. Keys only act on the figure that has focus.</li>
      <li>The address bar holds the step you are on (for example <code>#l6-f1/decoder-3</code>): copy it to send a class straight to that step.</li>
      <li>Screen readers announce each step as it changes. With JavaScript off, every step is listed in order.</li>
      <li>Quizzes ask first: predict, then open <em>Reveal the answer</em>.</li>
      <li>Trace your own input with <code>unrolled trace --model addition "23+19" --format html --out trace.html</code>.</li>
      </ul></section>

      """
    if live {
      body +=
        "<p class=\"how-live\">Or trace it here: every model page has a field, <em>Your own input</em>, and every lesson figure one under it, that run the model in this page (the same Swift code, compiled to WebAssembly) and redraw the figures for what you type. Nothing is sent anywhere. In present mode, <kbd>I</kbd> traces the room's suggestion.</p>\n"
    }
    var page = Page(
      path: "index.html", title: lessons.title, lede: "Step through a real LSTM encoder-decoder, one timestep at a time.",
      template: .lesson, sections: [], showsContents: false)
    page.body = body
    return page
  }

  var glossaryPage: Page? {
    guard let glossary = lessons.glossary else { return nil }
    var body = HTML(markup: glossary.introductionHTML) + "<dl class=\"glossary\">"
    for entry in glossary.entries {
      body += "<dt id=\"\(entry.slug)\">\(entry.term)</dt><dd>\(HTML(markup: entry.html))</dd>"
    }
    body += "</dl>\n"
    var page = Page(
      path: "glossary.html", title: glossary.title ?? "Glossary", template: .lesson, sections: [], showsContents: false)
    page.body = body
    return page
  }

  func modelPage(_ name: String) -> Page {
    let entry = materials.models[name]
    let examples = materials.modelExamples[name] ?? []
    let description = entry?.model.description ?? examples[0].model
    var page = Page.model(
      description, summary: entry.map { ModelSummary($0.model) }, traces: Array(examples.prefix(2)), path: "models/\(name).html")
    if live, let entry {
      page.sections.insert(
        PageSection(
          id: "you", heading: "Your own input",
          html: LiveInputMarkup.modelSection(
            name: name, configuration: entry.model.configuration, example: examples.first?.input ?? "", pagePath: page.path)),
        at: 1)
      page.hasLiveInput = true
    }
    if let history = entry?.history, let input = examples.first?.input {
      let accuracy: HTML =
        history.epochs.last?.validation.map { metrics -> HTML in
          if let forecast = metrics.forecast {
            return "a root mean squared error of \(NumberText.significant(forecast.rootMeanSquaredError)) on held-out series "
              + "(repeating each series' last value: \(NumberText.significant(forecast.naiveRootMeanSquaredError)))"
          }
          return HTML(
            text: metrics.exactMatch.map { String(format: "%.1f%% exact match on held-out examples", 100 * $0) }
              ?? String(
                format:
                  "%.1f%% of held-out characters right when teacher-forced (it cannot decode free-running, so it has no exact match)",
                100 * metrics.teacherForcedCharacterAccuracy))
        }
        ?? "no validation set"
      page.sections.insert(
        PageSection(
          id: "training", heading: "Training",
          html:
            "<p>Trained for \(history.epochs.count) epochs on \(history.trainingExampleCount) examples with \(history.options.optimizer.rawValue); \(accuracy). Reproduce it with <code>unrolled train --task \(name)</code>.</p>"
            + TrainingFigure(
              history: TrainingHistoryView(history, input: input),
              caption: "How \(name) learned: loss and accuracy per epoch, and its output for “\(input)” at each recorded epoch.",
              id: "training-fig"
            ).html),
        at: 1)
    }
    return page
  }

  var about: Page {
    var body: HTML =
      "<p>This site was generated by \(generator) from Markdown lessons and the recordings of real trained models. Every number on it comes from a checkpoint or a trace made while the site was built.</p>"
    body +=
      "<h2 id=\"checkpoints\">Checkpoints</h2><table class=\"provenance\"><thead><tr><th scope=\"col\">model</th><th scope=\"col\">parameters</th><th scope=\"col\">checkpoint FNV-1a 64</th></tr></thead><tbody>"
    for name in materials.models.keys.sorted() {
      guard let entry = materials.models[name] else { continue }
      body +=
        "<tr><td>\(Self.publishedName(of: name))</td><td>\(ModelSummary.grouped(entry.model.parameterCount))</td><td><code>\(entry.checkpointHash)</code></td></tr>"
    }
    body +=
      "</tbody></table>\n<h2 id=\"semantics\">What the models are</h2><p>LSTM encoder-decoders with Keras 3's semantics (gate order input, forget, candidate, output; sigmoid and tanh), checked against Keras to 1e-5 on the same weights. References: Hochreiter and Schmidhuber 1997; Sutskever, Vinyals and Le 2014; Cho et al. 2014; Bengio et al. 2015.</p>\n"
    var page = Page(path: "about.html", title: "About this site", template: .lesson, sections: [], showsContents: false)
    page.body = body
    return page
  }
}

extension TutorialSite {
  /// A model's name as a page may show it: a built-in name or a checkpoint path relative to
  /// the lessons as written, but an absolute path only by its file name, which says which
  /// checkpoint it is without publishing the author's folders.
  ///
  /// ```swift
  /// TutorialSite.publishedName(of: "models/tiny.safetensors")        // "models/tiny.safetensors"
  /// TutorialSite.publishedName(of: "/home/ann/models/tiny.safetensors")  // "tiny.safetensors"
  /// ```
  static func publishedName(of name: String) -> String {
    guard name.hasPrefix("/") else { return name }
    return name.split(separator: "/").last.map(String.init) ?? name
  }
}
