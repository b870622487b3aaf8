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
    Page(
      path: path, title: TracePage.title(trace), lede: TracePage.lede(trace), template: .trace,
      sections: TracePage.sections(trace, idPrefix: idPrefix, unit: unit, includeArchitecture: true))
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
      sections.append(TracePage.example(trace, number: index + 1))
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
}
