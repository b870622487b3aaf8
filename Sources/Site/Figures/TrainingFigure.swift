import Figures
import Foundation
import Markup
import Trace

/// Training as it happened: loss and accuracy curves (SVG polylines with labelled axes and
/// the numbers in a table), and an epoch slider over recorded snapshots showing what the
/// model wrote for the same input after each of those epochs.
///
/// ```
/// TrainingFigure(history: history, id: "training").html
/// // <figure class="figure training-figure" id="training">…<svg class="chart" role="img" aria-labelledby=…>
/// //   <polyline class="series s-loss" points="48,20 …"/>…
/// //   <figure class="figure stepper epoch-figure" id="training-epochs" data-stepper …>
/// //     <li class="step" id="training-epochs/epoch-0" data-announce="epoch 1: wrote ‘13’, target ‘12’">…
/// ```
public struct TrainingFigure: Sendable {
  /// What to draw.
  public var history: TrainingHistoryView
  /// The figure's element id; the snapshot stepper is `id-epochs`.
  public var id: String
  /// The caption (plain text, escaped when drawn), put before the generated description.
  public var caption: String?

  /// The training figure of `history`.
  public init(history: TrainingHistoryView, caption: String? = nil, id: String) {
    self.caption = caption
    self.history = history
    self.id = id
  }

  /// The complete `<figure>` (with the snapshot stepper after it when there are snapshots).
  public var html: HTML {
    let frame = FigureFrame(kind: "training-figure", id: id, attributes: " data-panel=\"training\"", caption: caption)
    var html = frame.start + "<div class=\"charts\">"
    let losses = history.metrics.map { ($0.epoch, $0.loss) }
    let validationLosses = history.metrics.compactMap { m in m.validationLoss.map { (m.epoch, $0) } }
    html += chart(
      title: "Loss", id: "\(id)-loss",
      series: [("training loss", "s-loss", losses), ("validation loss", "s-val", validationLosses)], upperBound: nil)
    let accuracies = history.metrics.compactMap { m in m.accuracy.map { (m.epoch, $0) } }
    let validationAccuracies = history.metrics.compactMap { m in m.validationAccuracy.map { (m.epoch, $0) } }
    if !accuracies.isEmpty || !validationAccuracies.isEmpty {
      html += chart(
        title: "Accuracy", id: "\(id)-accuracy",
        series: [("training accuracy", "s-loss", accuracies), ("validation accuracy", "s-val", validationAccuracies)],
        upperBound: 1)
    }
    html += "</div>" + metricsTable()
    html += frame.end(caption: "Loss and accuracy after each epoch (solid: training, dashed: validation).")
    if !history.snapshots.isEmpty { html += snapshotStepper() }
    return html
  }

  private func chart(title: String, id: String, series: [(String, String, [(Int, Float)])], upperBound: Float?) -> HTML {
    let width = 360.0, height = 200.0, left = 48.0, right = 12.0, top = 14.0, bottom = 36.0
    let points = series.flatMap(\.2)
    guard let firstEpoch = points.map(\.0).min(), let lastEpoch = points.map(\.0).max() else { return "" }
    let ticks = Self.niceTicks(upTo: Double(upperBound ?? max(points.map(\.1).max() ?? 1, 0.001)))
    let maxValue = ticks.last ?? 1
    let xSpan = Double(max(1, lastEpoch - firstEpoch))
    func x(_ epoch: Int) -> Double { left + Double(epoch - firstEpoch) / xSpan * (width - left - right) }
    func y(_ value: Float) -> Double { top + (1 - Double(value) / maxValue) * (height - top - bottom) }
    let c = NumberText.coordinate
    var svg: HTML =
      "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\">"
    svg += "<title id=\"\(id)-t\">\(title) by epoch</title>"
    let summary = series.filter { !$0.2.isEmpty }.map { name, _, values in
      "\(name) from \(NumberText.significant(values.first!.1)) at epoch \(values.first!.0) to \(NumberText.significant(values.last!.1)) at epoch \(values.last!.0)"
    }.joined(separator: "; ")
    svg += "<desc id=\"\(id)-d\">\(summary).</desc>"
    for tick in ticks {
      let value = Float(tick)
      svg += "<line class=\"grid\" x1=\"\(c(left))\" x2=\"\(c(width - right))\" y1=\"\(c(y(value)))\" y2=\"\(c(y(value)))\"/>"
      svg +=
        "<text class=\"tick\" x=\"\(c(left - 6))\" y=\"\(c(y(value) + 4))\" text-anchor=\"end\">\(String(format: "%g", tick))</text>"
    }
    let epochTicks = Array(Set([firstEpoch, (firstEpoch + lastEpoch) / 2, lastEpoch])).sorted()
    for epoch in epochTicks {
      svg += "<text class=\"tick\" x=\"\(c(x(epoch)))\" y=\"\(c(height - bottom + 16))\" text-anchor=\"middle\">\(epoch)</text>"
    }
    svg += "<path class=\"axis\" d=\"M\(c(left)) \(c(top))V\(c(height - bottom))H\(c(width - right))\"/>"
    svg += "<text class=\"axis-label\" x=\"\(c((left + width) / 2))\" y=\"\(c(height - 4))\" text-anchor=\"middle\">epoch</text>"
    svg +=
      "<text class=\"axis-label\" x=\"12\" y=\"\(c(top + 2))\" text-anchor=\"start\" transform=\"rotate(-90 12 \(c(top + 2)))\" dx=\"-\(Int(height - top - bottom))\">\(title.lowercased())</text>"
    for (_, className, values) in series where !values.isEmpty {
      let pointList = values.map { "\(c(x($0.0))),\(c(y($0.1)))" }.joined(separator: " ")
      svg += "<polyline class=\"series \(className)\" points=\"\(pointList)\"/>"
    }
    svg += "</svg>"
    return "<div class=\"chart-box\"><p class=\"chart-title\">\(title)</p>\(svg)</div>"
  }

  /// Round tick values from 0 covering `maximum`: steps of 1, 2, 2.5 or 5 times a power of ten.
  ///
  /// ```
  /// TrainingFigure.niceTicks(upTo: 1.6)  // [0, 0.5, 1, 1.5, 2]
  /// ```
  static func niceTicks(upTo maximum: Double) -> [Double] {
    let rough = max(maximum, 1e-6) / 4
    let magnitude = pow(10, floor(log10(rough)))
    let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
    let count = Int((maximum / step).rounded(.up))
    return (0...max(1, count)).map { Double($0) * step }
  }

  private func metricsTable() -> HTML {
    var html: HTML =
      "<details class=\"unit-table\"><summary>The numbers, epoch by epoch</summary><table class=\"numbers\"><thead><tr>"
    html +=
      "<th scope=\"col\">epoch</th><th scope=\"col\">loss</th><th scope=\"col\">accuracy</th><th scope=\"col\">validation loss</th><th scope=\"col\">validation accuracy</th></tr></thead><tbody>"
    for m in history.metrics {
      let cells = [
        NumberText.significant(m.loss), m.accuracy.map(NumberText.percent) ?? "—",
        m.validationLoss.map { NumberText.significant($0) } ?? "—", m.validationAccuracy.map(NumberText.percent) ?? "—",
      ]
      html += "<tr><th scope=\"row\">\(m.epoch)</th>" + cells.map { "<td>\($0)</td>" as HTML }.joined() + "</tr>"
    }
    return html + "</tbody></table></details>"
  }

  /// The probe's own losses, each saying which decode it is, then the epoch's mean training
  /// loss, labelled as such: " · this input's loss 0.371 teacher-forced, 8.69 free-running ·
  /// the epoch's mean training loss 0.0138". A plain repeat bridge's two decodes are one.
  static func lossesText(of trace: ModelTrace, epochLoss: Float?) -> HTML {
    var own: [HTML] = []
    switch trace.decodes {
    case .tokens(let free, let comparison?):
      let forced = comparison.teacherForced.meanLoss, freeLoss = free.meanLoss
      if trace.model.kind.decoderReadsTokens {
        if let forced { own.append("\(NumberText.significant(forced)) teacher-forced") }
        if let freeLoss { own.append("\(NumberText.significant(freeLoss)) free-running") }
      } else if let forced {
        own.append("\(NumberText.significant(forced)) (both decodes read the repeated encoding)")
      }
    case .teacherForcedOnly(let forced, _):
      if let loss = forced.meanLoss { own.append("\(NumberText.significant(loss)) teacher-forced") }
    case .tokens(_, nil), .forecast:
      break
    }
    var text: HTML = own.isEmpty ? "" : " · this input's loss " + own.joined(separator: ", ")
    if let epochLoss { text += " · the epoch's mean training loss \(NumberText.significant(epochLoss))" }
    return text
  }

  private func snapshotStepper() -> HTML {
    let stepperID = "\(id)-epochs"
    let steps = history.snapshots.enumerated().map { index, snapshot -> StepperMarkup.Step in
      let reader = TraceReader(snapshot.trace)
      let trace = snapshot.trace
      let metrics = history.metrics.first { $0.epoch == snapshot.epoch }
      // A model that cannot decode free-running (a bidirectional decoder) shows its teacher-forced decode.
      let decode = trace.primaryDecode
      let wrote = decode.feeding == .teacherForced ? "wrote, teacher-forced," : "wrote"
      var body: HTML =
        "<p class=\"step-lede\">Input <span class=\"tok\">\(HTML.displayText(trace.input, in: trace.model.inputVocabulary))</span> → \(wrote) <span class=\"tok out\">\(HTML.displayText(decode.output, in: trace.model.outputVocabulary))</span>"
      if let target = trace.target {
        body += " (target <span class=\"tok\">\(HTML.displayText(target, in: trace.model.outputVocabulary))</span>)"
      }
      body += Self.lossesText(of: trace, epochLoss: metrics?.loss) + "</p>"
      if case .forecast = trace.decodes {
        // A forecaster's output is numbers: plot them against the truth at this epoch (the
        // series as text would only be a long line of digits).
        body =
          "<p class=\"step-lede\">The same series, forecast with the weights after epoch \(snapshot.epoch)"
          + (metrics.map { " · training loss \(NumberText.significant($0.loss))" } ?? "") + ".</p>" as HTML
        body += ForecastFigure(trace: trace, caption: "After epoch \(snapshot.epoch).", id: "\(stepperID)-\(index)-plot").html
        return .init(
          anchor: "epoch-\(index)", title: "After epoch \(snapshot.epoch)",
          announce: "epoch \(snapshot.epoch): forecast \(trace.primaryDecode.output)", body: body)
      }
      body += "<ol class=\"token-row\">"
      for step in decode.steps {
        let best = reader.topPredictions(step, count: 1).first
        body +=
          "<li class=\"tok-box dec-box\"><span class=\"tok out\">\(reader.token(step.predicted))</span><span class=\"prob\">\(best.map { NumberText.percent($0.probability) } ?? "")</span></li>"
      }
      body += "</ol>"
      let announce =
        "epoch \(snapshot.epoch): \(wrote) ‘\(HTML.displayText(decode.output, in: trace.model.outputVocabulary))’"
        + (trace.target.map { ", target ‘\(HTML.displayText($0, in: trace.model.outputVocabulary))’" } ?? "")
      return .init(anchor: "epoch-\(index)", title: "After epoch \(snapshot.epoch)", announce: announce, body: body)
    }
    var html: HTML =
      "<figure class=\"figure stepper epoch-figure\" id=\"\(stepperID)\" data-stepper tabindex=\"-1\" aria-labelledby=\"\(stepperID)-caption\">"
    html +=
      "<figcaption id=\"\(stepperID)-caption\">What the model wrote for the same input as training went on; slide through the recorded epochs.</figcaption>"
    html += StepperMarkup.list(figureID: stepperID, steps: steps)
    return html + "</figure>"
  }
}
