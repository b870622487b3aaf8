extension TraceFigure {
  static let keys = [
    "model", "input", "target", "view", "steps", "units", "unit", "epochs", "caption", "live",
  ]

  /// Reads the YAML body of a ```` ```trace ```` block and checks it against the catalog.
  /// Returns nil if a required field is missing or invalid (the problems are reported).
  static func read(
    yaml: String, map: SourceMap, location: SourceLocation, checker: ModelChecker,
    problems: ProblemList
  ) -> TraceFigure? {
    let fields = YAMLFields(
      yaml, map: map, what: "the `trace` block", allowedKeys: keys, missingLocation: location,
      problems: problems)
    let model = fields.string("model", required: "a built-in model name or a checkpoint path")
    let viewText = fields.string(
      "view", required: "one of: \(TraceView.allCases.map(\.rawValue).joined(separator: ", "))")
    // A history shows training, not one input: its input only picks which probe to follow.
    let showsHistory = viewText == TraceView.history.rawValue
    let input = fields.string("input", required: showsHistory ? nil : "the text the encoder reads")
    let target = fields.string("target")
    let unit = fields.int("unit")
    let caption = fields.string(
      "caption", required: "the figure's caption and alt text; every figure needs one")

    var view: TraceView?
    if let viewText {
      view = TraceView(rawValue: viewText)
      if view == nil {
        problems.report(
          "unknown view `\(viewText)`; one of: \(TraceView.allCases.map(\.rawValue).joined(separator: ", "))",
          at: fields.valueLocation("view"))
      }
    }
    if view == .bidirectionalDecoder, target == nil, fields.has("view") {
      problems.report(
        "view `bidirectionalDecoder` draws a teacher-forced decode, which needs a `target`", at: fields.valueLocation("view"))
    }
    if view == .comparison, target == nil, fields.has("view") {
      problems.report(
        "view `comparison` sets teacher forcing beside free running, which needs a `target`",
        at: fields.valueLocation("view"))
    }
    // The model first: its sizes bound the lists before any range becomes one. Problems are
    // sorted by place when reported, so reading order does not show.
    let info = model.flatMap { checker.model(named: $0, at: fields.valueLocation("model")) }
    func beyondLimit(_ key: String) -> (Int) -> String {
      { "`\(key)` in the `trace` block names \($0); steps, units and epochs are numbered below \(LessonLimits.listedNumber)" }
    }
    let readsInput = view == .encoder || view == .bidirectional
    let steps: [Int]?
    // Steps of the input as the model prepares it (padded, a step per word), by its own rule.
    if let input, readsInput, let info, let count = info.encoderStepCount(of: input) {
      steps = fields.ints("steps", below: min(count, LessonLimits.listedNumber)) { step in
        step >= LessonLimits.listedNumber
          ? beyondLimit("steps")(step)
          : "step \(step) is past the end of the input \"\(input)\" (\(info.stepsDescription(of: input)))"
      }
    } else {
      steps = fields.ints("steps", below: LessonLimits.listedNumber, tooLarge: beyondLimit("steps"))
    }
    let units: [Int]?
    if let info, info.units < LessonLimits.listedNumber {
      units = fields.ints("units", below: info.units) { ModelChecker.missingUnit($0, of: info) }
    } else {
      units = fields.ints("units", below: LessonLimits.listedNumber, tooLarge: beyondLimit("units"))
    }
    let epochs = fields.ints("epochs", below: LessonLimits.listedNumber, tooLarge: beyondLimit("epochs"))

    if epochs != nil, let view, view != .history {
      problems.report("`epochs` only applies to `view: history`", at: fields.keyLocation("epochs"))
    }
    if let info {
      if view == .forecast, !info.readsNumbers {
        problems.report(
          "view `forecast` plots numbers; model \(info.name) reads and writes tokens", at: fields.valueLocation("view"))
      }
      if let input { checker.check(input: input, of: info, at: fields.valueLocation("input")) }
      if let target { checker.check(target: target, of: info, at: fields.valueLocation("target")) }
      if let unit { checker.check(unit: unit, of: info, at: fields.valueLocation("unit")) }
    }
    if let unit, unit < 0 {
      problems.report("`unit` counts from 0", at: fields.valueLocation("unit"))
    }
    let live = fields.bool("live") ?? true
    guard let model, input != nil || view == .history, let view, let caption else { return nil }
    var figure = TraceFigure(
      model: model, input: input, target: target, view: view, steps: steps, units: units,
      unit: unit,
      epochs: epochs, caption: caption, location: location)
    figure.live = live
    return figure
  }
}
