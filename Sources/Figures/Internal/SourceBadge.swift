import Markup
import TraceCore

/// The badge that says where a decoder step's input came from: an icon, a word and a
/// border style, so the source never rests on colour alone.
enum SourceBadge {
  static func label(_ source: TokenSource) -> String {
    switch source {
    case .startToken: return "start"
    case .groundTruth: return "ground truth"
    case .ownPrediction: return "own prediction"
    case .repeatedEncoding: return "repeated encoding"
    }
  }

  static func icon(_ source: TokenSource) -> String {
    switch source {
    case .startToken: return "▶"
    case .groundTruth: return "●"
    case .ownPrediction: return "↻"
    case .repeatedEncoding: return "≡"
    }
  }

  static func html(_ source: TokenSource) -> HTML {
    "<span class=\"badge badge-\(source.rawValue)\"><span aria-hidden=\"true\">\(icon(source))</span> \(label(source))</span>"
  }
}
