import Figures
import Markup
import Trace

extension Page {
  /// The page for one traced input: the walk, the two decodes, the bidirectional view when
  /// there is one, heatmaps of both LSTMs, and the architecture. This is what
  /// `unrolled trace --format html` writes (through ``PageRenderer/standalone(_:)``).
  ///
  /// ```
  /// Page.trace(trace, path: "trace.html").sections.map(\.id)
  /// // ["t-walk-s", "t-compare-s", "t-heat-s", "t-arch-s"]
  /// ```
  public static func trace(_ trace: ModelTrace, path: String = "trace.html", idPrefix: String = "t", unit: Int = 0) -> Page {
    let title = "“\(HTML.displayText(trace.input, in: trace.model.inputVocabulary))” through \(trace.model.name)"
    let lede: String
    switch trace.decodes {
    case .forecast(let forecast):
      let truth = trace.target.map { " where the truth is \($0)" } ?? ""
      return Page(
        path: path, title: "A series of \(trace.encoder.tokens.count) values through \(trace.model.name)",
        lede: "The model forecast \(forecast.output)\(truth). Step through every gate and state below.", template: .trace,
        sections: traceSections(trace, idPrefix: idPrefix, unit: unit, includeArchitecture: true))
    case .teacherForcedOnly:
      lede =
        "Teacher-forced on the target “\(HTML.displayText(trace.target ?? "", in: trace.model.outputVocabulary))”: this model's decoder is bidirectional, so it cannot decode free-running."
    case .tokens(let free, _):
      lede =
        "The model wrote “\(HTML.displayText(free.output, in: trace.model.outputVocabulary))”"
        + (trace.target.map { " for the target “\(HTML.displayText($0, in: trace.model.outputVocabulary))”." } ?? ".")
    }
    return Page(
      path: path, title: title, lede: lede + " Step through every gate and state below.", template: .trace,
      sections: traceSections(trace, idPrefix: idPrefix, unit: unit, includeArchitecture: true))
  }

  /// The page for a model: its architecture and summary, then each prepared trace with its
  /// walk and the two decodes.
  ///
  /// ```
  /// Page.model(description, summary: summary, traces: [a, b], path: "models/addition.html")
  /// // sections: architecture, then “ 2+10”, “ 9+99”, …
  /// ```
  public static func model(
    _ model: ModelDescription, summary: ModelSummary?, traces: [ModelTrace], path: String, lede: String? = nil
  ) -> Page {
    var sections = [
      PageSection(
        id: "architecture", heading: "Architecture", html: ArchitectureFigure(model: model, summary: summary, id: "arch").html)
    ]
    for (index, trace) in traces.enumerated() {
      let prefix = "ex\(index + 1)"
      var html = TraceWalkFigure(trace: trace, feeding: Self.walkFeeding(trace), id: "\(prefix)-walk").html
      switch trace.decodes {
      case .forecast:
        // A forecaster: the plot first, then the walk through its steps.
        html = ForecastFigure(trace: trace, id: "\(prefix)-forecast").html + html
        sections.append(
          PageSection(id: prefix, heading: "Example \(index + 1): a series of \(trace.encoder.tokens.count) values", html: html))
        continue
      case .teacherForcedOnly:
        html += BidirectionalDecoderFigure(trace: trace, id: "\(prefix)-bidec").html
      case .tokens(_, let comparison):
        if comparison != nil { html += DecodeComparisonFigure(trace: trace, id: "\(prefix)-compare").html }
      }
      if case .bothDirections = trace.model.kind.encoder {
        html += BidirectionalFigure(trace: trace, id: "\(prefix)-bi").html
      }
      sections.append(
        PageSection(
          id: prefix, heading: "Example \(index + 1): “\(HTML.displayText(trace.input, in: trace.model.inputVocabulary))”",
          html: html))
    }
    let kind = model.kind
    var defaultLede = "\(model.name): \(ModelSummary.grouped(model.parameterCount)) parameters, "
    if case .values = kind.decoderOutput { defaultLede += "a forecaster of real values through " }
    switch kind.bridge {
    case .states: defaultLede += "a state bridge"
    case .repeatVector: defaultLede += "a RepeatVector bridge"
    }
    if case .bothDirections = kind.encoder { defaultLede += ", bidirectional encoder" }
    switch kind.decoding {
    case .teacherForcedOnly(.bidirectionalDecoder): defaultLede += ", bidirectional decoder (it decodes only teacher-forced)."
    case .freeRunning: defaultLede += "."
    }
    return Page(path: path, title: "Model: \(model.name)", lede: lede ?? defaultLede, template: .model, sections: sections)
  }

  /// The decode a walk follows: free-running, or teacher-forced for a model that cannot
  /// decode free-running.
  static func walkFeeding(_ trace: ModelTrace) -> DecodeRecord.Feeding {
    switch trace.decodes {
    case .teacherForcedOnly: return .teacherForced
    case .tokens, .forecast: return .freeRunning
    }
  }

  static func traceSections(_ trace: ModelTrace, idPrefix p: String, unit: Int, includeArchitecture: Bool) -> [PageSection] {
    var sections = [
      PageSection(
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
        PageSection(
          id: "\(p)-forecast-s", heading: "The forecast", html: ForecastFigure(trace: trace, id: "\(p)-forecast").html),
        at: 0)
      heat += HeatmapFigure(trace: trace, part: .decoder, follows: walk, id: "\(p)-heat-dec").html
    case .teacherForcedOnly:
      sections.append(
        PageSection(
          id: "\(p)-bidec-s", heading: "Why it cannot decode free-running",
          html: BidirectionalDecoderFigure(trace: trace, id: "\(p)-bidec").html))
      // A bidirectional decoder: both halves of its teacher-forced decode.
      heat += HeatmapFigure(trace: trace, part: .teacherForcedDecoder, follows: walk, id: "\(p)-heat-dec").html
      heat += HeatmapFigure(trace: trace, part: .backwardTeacherForcedDecoder, follows: walk, id: "\(p)-heat-dec-bwd").html
    case .tokens:
      sections.append(
        PageSection(
          id: "\(p)-compare-s", heading: "Teacher forcing and free-running",
          html: DecodeComparisonFigure(trace: trace, id: "\(p)-compare").html))
      heat += HeatmapFigure(trace: trace, part: .decoder, follows: walk, id: "\(p)-heat-dec").html
    }
    if bothDirections {
      sections.append(
        PageSection(id: "\(p)-bi-s", heading: "Both directions", html: BidirectionalFigure(trace: trace, id: "\(p)-bi").html))
    }
    sections.append(PageSection(id: "\(p)-heat-s", heading: "Every gate and state", html: heat))
    if includeArchitecture {
      sections.append(
        PageSection(id: "\(p)-arch-s", heading: "The model", html: ArchitectureFigure(model: trace.model, id: "\(p)-arch").html))
    }
    return sections
  }
}
