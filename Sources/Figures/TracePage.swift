// What a page shows for one trace, in portable Swift: the title, the lede and the sections of
// a trace page, and the figures of one example on a model page. The static build writes them
// into its pages; the page's WebAssembly writes the same markup for a reader's own input.

import Markup
import TraceCore

/// A titled part of a page: an id, a plain-text heading and its markup.
public struct FigureSection: Equatable, Sendable {
  /// The section's element id (also its `#` link).
  public var id: String
  /// The heading (plain text; escaped when drawn).
  public var heading: String
  /// The body.
  public var html: HTML

  /// A section from its parts.
  public init(id: String, heading: String, html: HTML) {
    self.id = id
    self.heading = heading
    self.html = html
  }
}

/// The trace page and the model page's examples, as figures.
public enum TracePage {
  /// The trace page's title.
  ///
  /// ```
  /// TracePage.title(trace)  // "“␣2+10” through addition"
  /// ```
  public static func title(_ trace: ModelTrace) -> String {
    if case .forecast = trace.decodes {
      return "A series of \(trace.encoder.tokens.count) values through \(trace.model.name)"
    }
    return "“\(HTML.displayText(trace.input, in: trace.model.inputVocabulary))” through \(trace.model.name)"
  }

  /// The trace page's lede: what the model wrote, then an invitation to step through it.
  public static func lede(_ trace: ModelTrace) -> String {
    let lede: String
    switch trace.decodes {
    case .forecast(let forecast):
      let truth = trace.target.map { " where the truth is \($0)" } ?? ""
      return "The model forecast \(forecast.output)\(truth). Step through every gate and state below."
    case .teacherForcedOnly:
      lede =
        "Teacher-forced on the target “\(HTML.displayText(trace.target ?? "", in: trace.model.outputVocabulary))”: this model's decoder is bidirectional, so it cannot decode free-running."
    case .tokens(let free, _):
      lede =
        "The model wrote “\(HTML.displayText(free.output, in: trace.model.outputVocabulary))”"
        + (trace.target.map { " for the target “\(HTML.displayText($0, in: trace.model.outputVocabulary))”." } ?? ".")
    }
    return lede + " Step through every gate and state below."
  }

  /// The inside of a trace page's `<article>`, as the built-in `trace` template lays it out:
  /// the title, the lede, the list of sections when there are several, then the sections.
  /// The page's WebAssembly redraws a trace page with it; a test holds it equal to the
  /// template's output.
  ///
  /// `outsideTraining`, when given, says how the input lies outside what the model was
  /// trained on (``TraceCore/TrainingDomain/notice(for:model:)``); the lede says it first.
  public static func article(
    _ trace: ModelTrace, idPrefix: String = "t", unit: Int = 0, outsideTraining: String? = nil
  ) -> HTML {
    let sections = sections(trace, idPrefix: idPrefix, unit: unit, includeArchitecture: true)
    let plainLede = lede(trace)
    let shownLede = outsideTraining.map { outsideTrainingLede($0) + plainLede } ?? plainLede
    var html: HTML = "\n<h1>\(title(trace))</h1>\n<p class=\"lede\">\(shownLede)</p>\n"
    if sections.count > 1 {
      html += "<nav class=\"toc\" aria-label=\"On this page\">\n<h2 class=\"toc-title\">On this page</h2>\n<ol>\n"
      for section in sections { html += "<li><a href=\"#\(section.id)\">\(section.heading)</a></li>\n" }
      html += "</ol>\n</nav>\n"
    }
    for section in sections {
      html +=
        "<section id=\"\(section.id)\" aria-labelledby=\"\(section.id)-h\">\n<h2 id=\"\(section.id)-h\">\(section.heading)</h2>\n"
      html += section.html + "\n</section>\n"
    }
    return html
  }

  /// The lede's first sentence for an input outside the model's training data.
  public static func outsideTrainingLede(_ notice: String) -> String {
    "Outside its training: \(notice), so its answer is a guess. "
  }

  /// The section of a model page for its example number `number` (from 1): the walk, then
  /// the decodes' comparison or the forecast, and both directions where the encoder reads
  /// them.
  ///
  /// ```
  /// TracePage.example(trace, number: 1).id  // "ex1"
  /// ```
  public static func example(_ trace: ModelTrace, number: Int) -> FigureSection {
    let prefix = "ex\(number)"
    if case .forecast = trace.decodes {
      return FigureSection(
        id: prefix, heading: "Example \(number): a series of \(trace.encoder.tokens.count) values",
        html: exampleFigures(trace, prefix: prefix))
    }
    // The heading shows the input; a target, when the example has one, is said above the figures.
    let target: HTML =
      trace.target.map {
        "<p class=\"example-target\" data-input=\"\(trace.input)\" data-target=\"\($0)\">Its target: “\(HTML.displayText($0, in: trace.model.outputVocabulary))”.</p>"
      } ?? ""
    return FigureSection(
      id: prefix, heading: "Example \(number): “\(HTML.displayText(trace.input, in: trace.model.inputVocabulary))”",
      html: target + exampleFigures(trace, prefix: prefix))
  }

  /// The figures of a model page's example, their ids starting with `prefix`.
  public static func exampleFigures(_ trace: ModelTrace, prefix: String) -> HTML {
    var html = TraceWalkFigure(trace: trace, feeding: walkFeeding(trace), id: "\(prefix)-walk").html
    switch trace.decodes {
    case .forecast:
      // A forecaster: the plot first, then the walk through its steps.
      return ForecastFigure(trace: trace, id: "\(prefix)-forecast").html + html
    case .teacherForcedOnly:
      html += BidirectionalDecoderFigure(trace: trace, id: "\(prefix)-bidec").html
    case .tokens(_, let comparison):
      if comparison != nil { html += DecodeComparisonFigure(trace: trace, id: "\(prefix)-compare").html }
    }
    if case .bothDirections = trace.model.kind.encoder {
      html += BidirectionalFigure(trace: trace, id: "\(prefix)-bi").html
    }
    return html
  }

  /// The decode a walk follows: free-running, or teacher-forced for a model that cannot
  /// decode free-running.
  public static func walkFeeding(_ trace: ModelTrace) -> DecodeRecord.Feeding {
    switch trace.decodes {
    case .teacherForcedOnly: return .teacherForced
    case .tokens, .forecast: return .freeRunning
    }
  }

  public static func sections(_ trace: ModelTrace, idPrefix p: String, unit: Int, includeArchitecture: Bool) -> [FigureSection] {
    var sections = [
      FigureSection(
        id: "\(p)-walk-s", heading: "Step by step",
        html: TraceWalkFigure(trace: trace, feeding: walkFeeding(trace), unit: unit, id: "\(p)-walk").html)
    ]
    let walk = "\(p)-walk"
    var heat = HeatmapFigure(trace: trace, part: .encoder, follows: walk, id: "\(p)-heat-enc").html
    let bothDirections: Bool
    switch trace.model.kind.encoder {
    case .oneDirection: bothDirections = false
    case .bothDirections: bothDirections = true
    }
    if bothDirections {
      heat += HeatmapFigure(trace: trace, part: .backwardEncoder, follows: walk, id: "\(p)-heat-bwd").html
    }
    switch trace.decodes {
    case .forecast:
      sections.insert(
        FigureSection(
          id: "\(p)-forecast-s", heading: "The forecast", html: ForecastFigure(trace: trace, id: "\(p)-forecast").html),
        at: 0)
      heat += HeatmapFigure(trace: trace, part: .decoder, follows: walk, id: "\(p)-heat-dec").html
    case .teacherForcedOnly:
      sections.append(
        FigureSection(
          id: "\(p)-bidec-s", heading: "Why it cannot decode free-running",
          html: BidirectionalDecoderFigure(trace: trace, id: "\(p)-bidec").html))
      // A bidirectional decoder: both halves of its teacher-forced decode.
      heat += HeatmapFigure(trace: trace, part: .teacherForcedDecoder, follows: walk, id: "\(p)-heat-dec").html
      heat += HeatmapFigure(trace: trace, part: .backwardTeacherForcedDecoder, follows: walk, id: "\(p)-heat-dec-bwd").html
    case .tokens:
      sections.append(
        FigureSection(
          id: "\(p)-compare-s", heading: "Teacher forcing and free-running",
          html: DecodeComparisonFigure(trace: trace, id: "\(p)-compare").html))
      heat += HeatmapFigure(trace: trace, part: .decoder, follows: walk, id: "\(p)-heat-dec").html
    }
    if bothDirections {
      sections.append(
        FigureSection(id: "\(p)-bi-s", heading: "Both directions", html: BidirectionalFigure(trace: trace, id: "\(p)-bi").html))
    }
    sections.append(FigureSection(id: "\(p)-heat-s", heading: "Every gate and state", html: heat))
    if includeArchitecture {
      sections.append(
        FigureSection(id: "\(p)-arch-s", heading: "The model", html: ArchitectureFigure(model: trace.model, id: "\(p)-arch").html)
      )
    }
    return sections
  }
}
