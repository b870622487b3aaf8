import Markup
import TraceCore

/// A series model's forecast as a line plot: the values the encoder read, then the values
/// the decoder wrote beside the true ones, with a data table as the text alternative.
///
/// The three lines differ by style and marker, not only by colour (input: solid with
/// circles; forecast: dashed with triangles; truth: dotted with squares), and each is
/// labelled in a legend inside the figure.
/// ```
/// ForecastFigure(trace: trace, id: "fc").html
/// // <figure class="figure forecast-figure" id="fc"><svg … role="img" aria-labelledby="fc-t fc-d">…
/// //   <table class="numbers"><caption>The values of the plot…</caption>… step 25: forecast 0.198, true 0.270…
/// ```
public struct ForecastFigure: Sendable {
  /// A trace of a series model (``ModelDescription/series`` set).
  public var trace: ModelTrace
  /// The figure's element id.
  public var id: String
  /// The author's caption (plain text; escaped), before the generated description.
  public var caption: String?

  /// A forecast figure of `trace`.
  public init(trace: ModelTrace, caption: String? = nil, id: String) {
    self.trace = trace
    self.caption = caption
    self.id = id
  }

  /// The values read, in the order given (the encoder's positions; first value of a step).
  var inputValues: [Float] {
    trace.encoder.forward.sorted { $0.position < $1.position }.map { $0.values?.first ?? 0 }
  }

  /// The forecast, one value per decoder step.
  var forecastValues: [Float] { forecastSteps.map { $0.predictedValues?.first ?? 0 } }

  /// The forecast's steps; none for a trace that is not a forecaster's.
  private var forecastSteps: [DecoderStepRecord] {
    if case .forecast(let forecast) = trace.decodes { return forecast.steps }
    return []
  }

  /// The true values, when the trace has them.
  var truthValues: [Float]? {
    let values = forecastSteps.compactMap { $0.targetValues?.first }
    return values.count == forecastSteps.count && !values.isEmpty ? values : nil
  }

  /// The complete `<figure>`, or an empty string for a trace of a token model.
  public var html: HTML {
    guard !forecastSteps.isEmpty else { return "" }
    let inputs = trace.model.reverseInput ? Array(inputValues.reversed()) : inputValues
    let forecast = forecastValues
    let truth = truthValues
    let frame = FigureFrame(kind: "forecast-figure", id: id, caption: caption)
    var html = frame.start
    html += plot(inputs: inputs, forecast: forecast, truth: truth, id: id)
    html += table(inputs: inputs, forecast: forecast, truth: truth)
    return html + frame.end(caption: "\(description(inputs: inputs, forecast: forecast, truth: truth))")
  }

  /// One sentence saying what the plot shows, with its numbers.
  func description(inputs: [Float], forecast: [Float], truth: [Float]?) -> String {
    var text =
      "\(trace.model.name) read \(inputs.count) values (solid line, circles) and forecast the next \(forecast.count) (dashed line, triangles)"
    if let truth {
      let squared = zip(forecast, truth).reduce(Float(0)) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Float(truth.count)
      let naive = truth.reduce(Float(0)) { $0 + ($1 - (inputs.last ?? 0)) * ($1 - (inputs.last ?? 0)) } / Float(truth.count)
      text +=
        "; the true values are the dotted line with squares. Root mean squared error \(NumberText.significant(squared.squareRoot())), against \(NumberText.significant(naive.squareRoot())) for repeating the last value read."
    } else {
      text += "."
    }
    if trace.model.inputVocabulary.count > 1 { text += " Only the first value of each step is drawn." }
    return text
  }

  private func plot(inputs: [Float], forecast: [Float], truth: [Float]?, id: String) -> HTML {
    let width = 560.0, height = 250.0, left = 44.0, right = 96.0, top = 16.0, bottom = 40.0
    let all = inputs + forecast + (truth ?? [])
    let low = Double(all.min() ?? -1), high = Double(all.max() ?? 1)
    let ticks = Self.ticks(from: low, to: high)
    let yMin = ticks.first ?? low, yMax = ticks.last ?? high
    let count = inputs.count + forecast.count
    func x(_ index: Int) -> Double { left + Double(index) / Double(max(1, count - 1)) * (width - left - right) }
    func y(_ value: Float) -> Double { top + (1 - (Double(value) - yMin) / max(1e-9, yMax - yMin)) * (height - top - bottom) }
    let c = NumberText.coordinate
    var svg: HTML =
      "<svg class=\"chart forecast-chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\">"
    svg += "<title id=\"\(id)-t\">The series read, the forecast\(truth == nil ? "" : " and the truth")</title>"
    svg += "<desc id=\"\(id)-d\">\(description(inputs: inputs, forecast: forecast, truth: truth))</desc>"
    for tick in ticks {
      let value = Float(tick)
      svg += "<line class=\"grid\" x1=\"\(c(left))\" x2=\"\(c(width - right))\" y1=\"\(c(y(value)))\" y2=\"\(c(y(value)))\"/>"
      svg +=
        "<text class=\"tick\" x=\"\(c(left - 6))\" y=\"\(c(y(value) + 4))\" text-anchor=\"end\">\(NumberText.significant(value))</text>"
    }
    for step in Set([1, inputs.count, count]).sorted() {
      svg += "<text class=\"tick\" x=\"\(c(x(step - 1)))\" y=\"\(c(height - bottom + 16))\" text-anchor=\"middle\">\(step)</text>"
    }
    let boundary = (x(inputs.count - 1) + x(inputs.count)) / 2
    svg +=
      "<line class=\"forecast-boundary\" x1=\"\(c(boundary))\" x2=\"\(c(boundary))\" y1=\"\(c(top))\" y2=\"\(c(height - bottom))\"/>"
    svg += "<text class=\"tick\" x=\"\(c(boundary + 4))\" y=\"\(c(top + 8))\">forecast →</text>"
    svg += "<path class=\"axis\" d=\"M\(c(left)) \(c(top))V\(c(height - bottom))H\(c(width - right))\"/>"
    svg +=
      "<text class=\"axis-label\" x=\"\(c((left + width - right) / 2))\" y=\"\(c(height - 6))\" text-anchor=\"middle\">time step</text>"

    func line(_ className: String, _ points: [(Int, Float)]) -> HTML {
      "<polyline class=\"series \(className)\" points=\"\(points.map { "\(c(x($0.0))),\(c(y($0.1)))" }.joined(separator: " "))\"/>"
    }
    func markers(_ shape: Marker, _ className: String, _ points: [(Int, Float)]) -> HTML {
      points.map { shape.path(x: x($0.0), y: y($0.1), className: className) }.joined()
    }
    let inputPoints = inputs.enumerated().map { ($0.offset, $0.element) }
    let lastInput = inputPoints.last.map { [$0] } ?? []
    let forecastPoints = forecast.enumerated().map { (inputs.count + $0.offset, $0.element) }
    svg += line("f-input", inputPoints) + markers(.circle, "f-input", inputPoints)
    if let truth {
      let truthPoints = truth.enumerated().map { (inputs.count + $0.offset, $0.element) }
      svg += line("f-truth", lastInput + truthPoints) + markers(.square, "f-truth", truthPoints)
    }
    svg += line("f-forecast", lastInput + forecastPoints) + markers(.triangle, "f-forecast", forecastPoints)

    // The legend: a sample of each line with its marker, and its name.
    var entries: [(String, Marker, String)] = [("read", .circle, "f-input"), ("forecast", .triangle, "f-forecast")]
    if truth != nil { entries.append(("truth", .square, "f-truth")) }
    for (index, entry) in entries.enumerated() {
      let ly = top + 10 + Double(index) * 20, lx = width - right + 10
      svg += "<line class=\"series \(entry.2)\" x1=\"\(c(lx))\" x2=\"\(c(lx + 26))\" y1=\"\(c(ly))\" y2=\"\(c(ly))\"/>"
      svg += entry.1.path(x: lx + 13, y: ly, className: entry.2)
      svg += "<text class=\"axis-label\" x=\"\(c(lx + 32))\" y=\"\(c(ly + 4))\">\(entry.0)</text>"
    }
    return svg + "</svg>"
  }

  private func table(inputs: [Float], forecast: [Float], truth: [Float]?) -> HTML {
    var html: HTML =
      "<details class=\"unit-table\"><summary>The values as a table</summary><div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Forecast values\"><table class=\"numbers\"><caption>The values of the plot, by time step</caption><thead><tr><th scope=\"col\">step</th><th scope=\"col\">read</th><th scope=\"col\">forecast</th>"
    if truth != nil { html += "<th scope=\"col\">truth</th><th scope=\"col\">error</th>" }
    html += "</tr></thead><tbody>"
    let series = trace.model.series ?? SeriesConfiguration()
    for (index, value) in inputs.enumerated() {
      html += "<tr><th scope=\"row\">\(index + 1)</th><td>\(series.text(of: value))</td><td>—</td>"
      if truth != nil { html += "<td>—</td><td>—</td>" }
      html += "</tr>"
    }
    for (index, value) in forecast.enumerated() {
      html += "<tr><th scope=\"row\">\(inputs.count + index + 1)</th><td>—</td><td>\(series.text(of: value))</td>"
      if let truth {
        html +=
          "<td>\(series.text(of: truth[index]))</td><td>\(series.text(of: value - truth[index]))</td>"
      }
      html += "</tr>"
    }
    return html + "</tbody></table></div></details>"
  }

  /// About five round ticks covering `low...high`.
  static func ticks(from low: Double, to high: Double) -> [Double] {
    let span = max(high - low, 1e-3)
    let rough = span / 4
    let magnitude = NumberText.powerOfTen(atMost: rough)
    let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
    let first = (low / step).rounded(.down), last = (high / step).rounded(.up)
    // Whole numbers of steps from first to last (a stride over Double would need fma).
    guard last >= first else { return [] }
    return (0...Int(last - first)).map { (first + Double($0)) * step }
  }

  /// The marker shapes that tell the lines apart without colour.
  private enum Marker {
    case circle, triangle, square

    func path(x: Double, y: Double, className: String) -> HTML {
      let c = NumberText.coordinate
      switch self {
      case .circle:
        return "<circle class=\"marker \(className)\" cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"3\"/>"
      case .square:
        return "<rect class=\"marker \(className)\" x=\"\(c(x - 3))\" y=\"\(c(y - 3))\" width=\"6\" height=\"6\"/>"
      case .triangle:
        return "<path class=\"marker \(className)\" d=\"M\(c(x)) \(c(y - 4))L\(c(x + 4)) \(c(y + 3))L\(c(x - 4)) \(c(y + 3))Z\"/>"
      }
    }
  }
}
