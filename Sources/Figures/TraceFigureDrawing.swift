// What a lesson's ```trace``` block draws, as a value the page can carry: the view and its
// options. The static build draws a lesson's figure from it; the page's WebAssembly draws
// the same figure for a reader's own input, from the same value written into the page.

import Markup
import TraceCore

/// A lesson trace figure's view and options, without its input: enough to draw it for any
/// trace of its model.
///
/// ```
/// TraceFigureDrawing(view: .decoder, steps: [0, 1], caption: "The decoder writes.", targetGiven: true)
///   .html(trace, id: "l5-f1")
/// ```
public struct TraceFigureDrawing: Equatable, Sendable {
  /// Which picture: the same names as a lesson's `view:`.
  public enum View: String, Sendable, CaseIterable {
    case cell, encoder, bridge, decoder, comparison, bidirectional, forecast, bidirectionalDecoder, history
  }

  /// The picture.
  public var view: View
  /// The timesteps to show (from 0); nil shows them all.
  public var steps: [Int]?
  /// The units of the heatmap; nil shows the first eight.
  public var units: [Int]?
  /// The unit whose arithmetic is worked through.
  public var unit: Int?
  /// The caption (plain text).
  public var caption: String
  /// Whether the lesson gave a target (a decoder view then follows the teacher-forced decode).
  public var targetGiven: Bool

  /// A drawing from its parts.
  public init(
    view: View, steps: [Int]? = nil, units: [Int]? = nil, unit: Int? = nil, caption: String, targetGiven: Bool
  ) {
    self.view = view
    self.steps = steps
    self.units = units
    self.unit = unit
    self.caption = caption
    self.targetGiven = targetGiven
  }

  /// The figure for `trace`. Steps and units the trace does not have (a reader's input may
  /// be shorter than the lesson's) are left out; when none is left, every one is shown.
  public func html(_ trace: ModelTrace, id: String) -> HTML {
    let unit = min(self.unit ?? units?.first ?? 0, max(0, trace.model.encoderUnits - 1))
    let units =
      (self.units?.filter { $0 < trace.model.encoderUnits }).flatMap { $0.isEmpty ? nil : $0 }
      ?? Array(0..<min(8, trace.model.encoderUnits))
    func existing(_ count: Int) -> [Int]? {
      guard let steps else { return nil }
      let kept = steps.filter { $0 < count }
      return kept.isEmpty ? nil : kept
    }
    switch view {
    case .cell:
      let step = existing(trace.encoder.forward.count)?.first ?? 0
      return LSTMCellFigure(trace: trace, step: .encoder(step), unit: unit, caption: caption, id: id).html
    case .encoder:
      let chosen = (existing(trace.encoder.forward.count) ?? Array(trace.encoder.forward.indices)).map { TraceStep.encoder($0) }
      return TraceWalkFigure(trace: trace, unit: unit, id: id, caption: caption, steps: chosen).html
        + HeatmapFigure(
          trace: trace, part: .encoder, units: units, caption: "Every encoder step at once: " + caption, follows: id,
          id: id + "-heat"
        ).html
    case .bridge:
      let last = trace.encoder.forward.indices.last.map { [TraceStep.encoder($0)] } ?? []
      return TraceWalkFigure(trace: trace, unit: unit, id: id, caption: caption, steps: last + [.bridge, .decoder(0)]).html
    case .decoder:
      let forced = targetGiven ? trace.teacherForced : nil
      let feeding: DecodeRecord.Feeding = forced != nil ? .teacherForced : .freeRunning
      let decode = forced ?? trace.primaryDecode
      let chosen = (existing(decode.steps.count) ?? Array(decode.steps.indices)).map {
        feeding == .teacherForced ? TraceStep.teacherForced($0) : TraceStep.decoder($0)
      }
      return TraceWalkFigure(trace: trace, feeding: feeding, unit: unit, id: id, caption: caption, steps: chosen).html
    case .comparison:
      return DecodeComparisonFigure(trace: trace, caption: caption, id: id).html
    case .bidirectional:
      return BidirectionalFigure(trace: trace, caption: caption, id: id).html
    case .forecast:
      return ForecastFigure(trace: trace, caption: caption, id: id).html
    case .bidirectionalDecoder:
      return BidirectionalDecoderFigure(trace: trace, caption: caption, id: id).html
    case .history:
      return TraceWalkFigure(trace: trace, unit: unit, id: id, caption: caption, detail: .compact).html
    }
  }

  /// The drawing as one line for a page's `data-live-drawing` attribute:
  /// `view;steps;units;unit;targetGiven;caption`, numbers comma-separated, empty for none.
  ///
  /// ```
  /// TraceFigureDrawing(view: .cell, steps: [2], unit: 5, caption: "A; b", targetGiven: false).encoded
  /// // "cell;2;;5;0;A; b"
  /// ```
  public var encoded: String {
    func list(_ numbers: [Int]?) -> String { numbers.map { $0.map { String($0) }.joined(separator: ",") } ?? "" }
    return [view.rawValue, list(steps), list(units), unit.map { String($0) } ?? "", targetGiven ? "1" : "0", caption]
      .joined(separator: ";")
  }

  /// Reads ``encoded``; `nil` when it is not one.
  public init?(encoded: String) {
    let parts = encoded.split(separator: ";", maxSplits: 5, omittingEmptySubsequences: false)
    guard parts.count == 6, let view = View(rawValue: String(parts[0])) else { return nil }
    func list(_ text: Substring) -> [Int]?? {
      if text.isEmpty { return .some(nil) }
      var numbers: [Int] = []
      for piece in text.split(separator: ",") {
        guard let number = Int(piece), number >= 0 else { return nil }
        numbers.append(number)
      }
      return .some(numbers)
    }
    guard let steps = list(parts[1]), let units = list(parts[2]) else { return nil }
    var unit: Int? = nil
    if !parts[3].isEmpty {
      guard let number = Int(parts[3]), number >= 0 else { return nil }
      unit = number
    }
    self.init(
      view: view, steps: steps, units: units, unit: unit, caption: String(parts[5]), targetGiven: parts[4] == "1")
  }
}
