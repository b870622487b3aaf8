import Figures
import Foundation
import Lessons
import Markup
import Trace

extension Page {
  /// The page of one lesson: objectives and time, a contents list, the lesson's prose with
  /// every fact filled in, its figures drawn from the gathered traces, its quizzes as
  /// predict-then-reveal, presenter notes hidden, and links to the lessons around it.
  ///
  /// ```
  /// Page.lesson(lesson, in: set, materials: materials)
  /// // path "lessons/02-one-step.html", body with <figure id="l2-f1" data-stepper> …
  /// ```
  ///
  /// With `live`, every trace figure but a history (and one marked `live: false`) gets an
  /// input field that redraws it for a reader's own input, in the page.
  public static func lesson(_ lesson: Lesson, in set: LessonSet, materials: LessonMaterials, live: Bool = false) -> Page {
    let position = set.lessons.firstIndex { $0.slug == lesson.slug } ?? 0
    let values = materials.factValues[lesson.slug] ?? []
    var body: HTML =
      "<div class=\"lesson-meta\"><p class=\"lesson-time\">Lesson \(position + 1) of \(set.lessons.count) · about \(lesson.minutes) minutes</p>\n"
    body += "<section class=\"objectives\" aria-labelledby=\"objectives-h\"><h2 id=\"objectives-h\">You will be able to</h2><ul>"
    body += lesson.objectives.map { "<li>\($0)</li>" as HTML }.joined()
    body += "</ul></section></div>\n"
    let headings = lesson.headings.filter { $0.level == 2 }
    if headings.count > 1 {
      body += "<nav class=\"toc\" aria-label=\"In this lesson\"><h2 class=\"toc-title\">In this lesson</h2><ol>"
      body += headings.map { "<li><a href=\"#\($0.id)\">\($0.text)</a></li>" as HTML }.joined()
      body += "</ol></nav>\n"
    }
    var figureNumber = 0
    var quizNumber = 0
    var lastFigureID: String?
    var usesLiveInput = false
    for block in lesson.blocks {
      switch block {
      case .prose(let html):
        body += fillingFacts(html, values: values)
      case .notes(let html):
        // Present mode shows a figure's notes under its narration; on the page they are a
        // closed "Notes for the teacher" box.
        let notes = PresentMarkup.notes(fillingFacts(html, values: values))
        body += lastFigureID.map { "<div data-notes-for=\"\($0)\">\(notes)</div>\n" as HTML } ?? notes + "\n"
      case .math(let mathML, _):
        body += "<div class=\"math\">\(HTML(markup: mathML))</div>\n"
      case .quiz(let quiz):
        quizNumber += 1
        body += PresentMarkup.quiz(quiz, id: "l\(lesson.order)-q\(quizNumber)") + "\n"
      case .trace(let figure):
        figureNumber += 1
        let id = "l\(lesson.order)-f\(figureNumber)"
        let drawn = figureHTML(figure, id: id, materials: materials)
        if live, figure.live, figure.view != .history, let input = figure.input,
          let model = materials.models[figure.model]
        {
          let drawing = Self.drawing(of: figure)
          body += "<div class=\"live-figure\" id=\"\(id)-live\">\(drawn)</div>"
          body += LiveInputMarkup.figureForm(
            name: figure.model, configuration: model.model.configuration, drawing: drawing, figureID: id, input: input,
            target: figure.target, pagePath: "lessons/\(lesson.slug).html")
          usesLiveInput = true
        } else {
          body += drawn
        }
        lastFigureID = id
      }
    }
    body += "<nav class=\"lesson-pager\" aria-label=\"Lessons\">"
    if position > 0 {
      let previous = set.lessons[position - 1]
      body += "<a rel=\"prev\" href=\"\(previous.slug).html\">← \(previous.title)</a>"
    }
    if position + 1 < set.lessons.count {
      let next = set.lessons[position + 1]
      body += "<a rel=\"next\" href=\"\(next.slug).html\">\(next.title) →</a>"
    }
    body += "</nav>\n"
    var page = Page(
      path: "lessons/\(lesson.slug).html", title: lesson.title, lede: lesson.summary, template: .lesson, sections: [],
      showsContents: false)
    page.body = body
    page.hasLiveInput = usesLiveInput
    return page
  }
}

extension Page {
  /// Replaces each `<span class="fact" data-fact-id="N"></span>` with the fact's value, escaped.
  static func fillingFacts(_ html: String, values: [String]) -> HTML {
    var result = HTML()
    var rest = Substring(html)
    let open = "<span class=\"fact\" data-fact-id=\""
    while let start = rest.range(of: open) {
      result += HTML(markup: String(rest[..<start.lowerBound]))
      let afterOpen = rest[start.upperBound...]
      guard let quote = afterOpen.firstIndex(of: "\""), let close = afterOpen.range(of: "</span>"),
        let index = Int(afterOpen[..<quote]), values.indices.contains(index)
      else {
        result += HTML(markup: String(rest[start]))
        rest = afterOpen
        continue
      }
      result += "<span class=\"fact\">\(values[index])</span>"
      rest = afterOpen[close.upperBound...]
    }
    return result + HTML(markup: String(rest))
  }

  /// The figure a lesson's `trace` block asks for, drawn from the gathered trace.
  static func figureHTML(_ figure: TraceFigure, id: String, materials: LessonMaterials) -> HTML {
    let caption = figure.caption
    if figure.view == .history, let history = materials.models[figure.model]?.history {
      // Without an input, the history follows its first probe (gather() made sure it is there).
      let input = figure.input ?? history.probes.first?.traces.first?.input ?? ""
      return TrainingFigure(
        history: TrainingHistoryView(history, input: input, epochs: figure.epochs), caption: caption, id: id
      ).html
    }
    guard let input = figure.input,
      let trace = materials.traces[TraceRequest(model: figure.model, input: input, target: figure.target)]
    else { return "" }  // gather() made every one or failed
    return drawing(of: figure).html(trace, id: id)
  }

  /// A lesson figure's view and options, as the page's WebAssembly reads them too.
  static func drawing(of figure: TraceFigure) -> TraceFigureDrawing {
    TraceFigureDrawing(
      view: TraceFigureDrawing.View(rawValue: figure.view.rawValue) ?? .encoder, steps: figure.steps, units: figure.units,
      unit: figure.unit, caption: figure.caption, targetGiven: figure.target != nil)
  }
}

extension TrainingHistoryView {
  /// The view of a training history for one probe input: the loss and accuracy per epoch,
  /// and the probe's trace at each recorded epoch (or only `epochs`).
  public init(_ history: TrainingHistory, input: String, epochs: [Int]? = nil) {
    let metrics = history.epochs.map {
      EpochMetrics(
        epoch: $0.epoch, loss: $0.trainingLoss, accuracy: nil, validationLoss: $0.validation?.loss,
        // A series model has no tokens to match: its loss (mean squared error) is the curve. A
        // bidirectional decoder has no free-running decode: its teacher-forced accuracy is.
        validationAccuracy: $0.validation.flatMap {
          $0.forecast == nil ? ($0.exactMatch ?? $0.teacherForcedCharacterAccuracy) : nil
        })
    }
    let snapshots = history.probes.filter { epochs?.contains($0.epoch) ?? true }.compactMap { probe in
      probe.traces.first { $0.input == input }.map { Snapshot(epoch: probe.epoch, trace: $0) }
    }
    self.init(metrics: metrics, snapshots: snapshots)
  }
}
