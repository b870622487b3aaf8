import Markup
import TraceCore

/// A deck for one input: a title slide, the encoder's steps, the bridge, the decoder's steps
/// (teacher-forced, then free-running, when there is a target), the two decodes side by
/// side, and a summary. Every step is one slide in present mode and one page in print.
///
/// ```
/// let deck = Walkthrough(trace: try model.trace(input: " 2+10", target: "12"))
/// deck.slides.map(\.id)
/// // ["w-encoder", "w-bridge", "w-forced", "w-free", "w-compare", "w-summary"]
/// try PageRenderer().walkthroughDeck(deck)  // one self-contained HTML file
/// ```
public struct Walkthrough: Sendable {
  /// The trace the deck walks through.
  public var trace: ModelTrace
  /// The unit whose arithmetic each step works out.
  public var unit: Int
  /// Presenter notes (trusted HTML) by slide or figure id (`w-encoder`, `w-free`, …).
  public var notes: [String: HTML]

  /// A deck over `trace`, working out `unit`'s arithmetic at each step.
  public init(trace: ModelTrace, unit: Int = 0, notes: [String: HTML] = [:]) {
    self.trace = trace
    self.unit = unit
    self.notes = notes
  }

  /// The inside of the deck's `<article>`, as the built-in `deck` template lays it out: the
  /// title slide, then a slide per step. The page's WebAssembly rebuilds a deck with it for
  /// the room's input; a test holds it equal to the template's output.
  public var articleContent: HTML {
    var html: HTML =
      "\n<section class=\"slide title-slide\" id=\"\(Self.titleID)\" data-slide aria-labelledby=\"\(Self.titleID)-h\">\n<h1 id=\"\(Self.titleID)-h\">\(title)</h1>\n<p class=\"lede\">\(lede)</p>\n"
    html += titleHTML + "\n</section>\n"
    for slide in slides {
      html +=
        "<section class=\"slide\" id=\"\(slide.id)\" data-slide aria-labelledby=\"\(slide.id)-h\">\n<h2 id=\"\(slide.id)-h\">\(slide.heading)</h2>\n"
      html += slide.html + "\n</section>\n"
    }
    return html
  }

  /// The id of the title slide.
  public static let titleID = "w-title"

  /// The deck's title (plain text).
  public var title: String { "“\(HTML.displayText(trace.input, in: trace.model.inputVocabulary))” through \(trace.model.name)" }

  /// One sentence under the title (plain text).
  public var lede: String {
    var parts = ["\(trace.encoder.forward.count) encoder steps", "the bridge"]
    switch trace.decodes {
    case .teacherForcedOnly(let forced, _):
      parts.append("\(forced.steps.count) teacher-forced decoder steps")
      parts.append("no free-running decode (the decoder is bidirectional)")
    case .tokens(let free, let comparison?):
      parts.append("\(comparison.teacherForced.steps.count) teacher-forced decoder steps")
      parts.append("\(free.steps.count) free-running decoder steps")
    case .tokens(let free, nil), .forecast(let free):
      parts.append("\(free.steps.count) decoder steps")
    }
    return "A walkthrough, one step at a time: " + parts.joined(separator: ", ") + "."
  }

  /// The title slide's facts (escaped HTML): the model, the input as read, the target.
  public var titleHTML: HTML {
    let reader = TraceReader(trace)
    let model = trace.model
    var html: HTML = "<dl class=\"deck-facts\">"
    html += "<dt>Model</dt><dd>\(model.name): "
    let kind = model.kind
    html += kind.readsBothDirections ? "bidirectional LSTM encoder, " : "LSTM encoder, "
    html += "\(model.encoderUnits) units; LSTM decoder, \(model.decoderUnits) units; "
    switch kind.decoderInput {
    case .previousToken: html += "the encoder's states start the decoder"
    case .repeatedEncoding: html += "the encoding is repeated at every decoder step"
    case .repeatedEncodingAndPreviousToken:
      html += "the encoding is repeated at every decoder step, beside the token the decoder wrote last"
    }
    html +=
      "</dd><dt>Input</dt><dd><span class=\"tok\">\(HTML.displayText(trace.input, in: trace.model.inputVocabulary))</span>"
    let read = trace.encoder.tokens.map { reader.token($0) }.joined(separator: "</span> <span class=\"tok\">")
    html += ", read as <span class=\"tok\">\(read)</span>"
    if model.reverseInput { html += " (reversed, as the model was trained)" }
    html += "</dd>"
    if let target = trace.target {
      html +=
        "<dt>Target</dt><dd><span class=\"tok\">\(HTML.displayText(target, in: trace.model.outputVocabulary))</span></dd>"
    }
    html += "</dl>"
    if let notes = notes[Self.titleID] { html += PresentMarkup.notes(notes) }
    return html
  }

  /// Every slide after the title, in order.
  public var slides: [FigureSection] {
    let forward = trace.encoder.forward.indices.map { TraceStep.encoder($0) }
    let backward = (trace.encoder.backward ?? []).indices.map { TraceStep.backward($0) }
    var slides = [
      section(
        "w-encoder", "The encoder reads",
        walk(
          id: "w-encoder", steps: forward + backward, feeding: .freeRunning,
          caption: "The encoder reads “\(HTML.displayText(trace.input, in: trace.model.inputVocabulary))” one token at a time.")),
      section(
        "w-bridge", "The bridge",
        walk(id: "w-bridge", steps: [.bridge], feeding: .freeRunning, caption: "What the encoder hands to the decoder.")),
    ]
    if let forced = trace.teacherForced {
      slides.append(
        section(
          "w-forced", trace.model.kind.decoderReadsTokens ? "The decoder, teacher-forced" : "The decoder",
          walk(
            id: "w-forced", steps: forced.steps.indices.map { .teacherForced($0) }, feeding: .teacherForced,
            caption: trace.model.kind.decoderReadsTokens
              ? "Teacher forcing: each step is fed the true previous token, as in training."
              : "Teacher forcing changes nothing here: each step reads the same repeated encoding.")))
    }
    guard let free = trace.freeRunningDecode else {
      // A bidirectional decoder: no free-running decode to walk; show why instead.
      slides.append(
        section(
          "w-bidec", "Why it cannot decode free-running", BidirectionalDecoderFigure(trace: trace, id: "w-bidec-figure").html))
      slides.append(section("w-summary", "Summary", summaryHTML))
      return slides
    }
    slides.append(
      section(
        "w-free", trace.teacherForced == nil ? "The decoder" : "The decoder, free-running",
        walk(
          id: "w-free", steps: free.steps.indices.map { .decoder($0) }, feeding: .freeRunning,
          caption: trace.model.kind.decoderReadsTokens
            ? "Free-running: each step is fed the model's own previous prediction, as when it is used."
            : "Each step reads the same repeated encoding; the decoder's own state tells the steps apart.")))
    if trace.teacherForced != nil {
      slides.append(
        section("w-compare", "Both decodes, side by side", DecodeComparisonFigure(trace: trace, id: "w-compare-figure").html))
    }
    slides.append(section("w-summary", "Summary", summaryHTML))
    return slides
  }

  /// The summary slide: what the model wrote, whether it matched, where the decodes parted.
  var summaryHTML: HTML {
    let reader = TraceReader(trace)
    let free = trace.primaryDecode
    var items: [HTML] = []
    if let refusal = trace.freeRunningRefusal {
      items.append("There is no free-running decode: \(refusal).")
      items.append("Teacher-forced, it wrote <span class=\"tok\">\(reader.text(free.output))</span>.")
    } else {
      items.append("The model wrote <span class=\"tok\">\(reader.text(free.output))</span>.")
    }
    if let target = trace.target {
      items.append(
        target == free.output
          ? "That is the target, <span class=\"tok\">\(reader.text(target))</span>: <span class=\"ok\">right</span>."
          : "The target was <span class=\"tok\">\(reader.text(target))</span>: <span class=\"wrong\">not right</span>.")
    }
    if let step = trace.firstDivergence {
      items.append("Free-running first parted from teacher forcing at decoder step \(step + 1).")
    } else if trace.teacherForced != nil && trace.freeRunningDecode != nil {
      items.append("Free-running was fed the same tokens as teacher forcing all the way.")
    }
    if let loss = trace.teacherForced?.meanLoss {
      items.append("The mean loss under teacher forcing was \(NumberText.significant(loss)).")
    }
    let confident = free.steps.map { step in reader.topPredictions(step, count: 1).first?.probability ?? 0 }
    if let least = confident.indices.min(by: { confident[$0] < confident[$1] }) {
      items.append(
        "The least sure step was decoder step \(least + 1), which chose <span class=\"tok\">\(reader.token(free.steps[least].predicted))</span> with probability \(NumberText.fixed(confident[least]))."
      )
    }
    let kind = trace.model.kind
    switch (kind.decoding, kind.bridge) {
    case (.teacherForcedOnly(.bidirectionalDecoder), _):
      items.append(
        "Everything the decoder knew about the input came through the bridge: the encoder's four final states, \(trace.model.decoderUnits) values each, a hidden and a cell state for each half of the decoder."
      )
    case (.freeRunning, .states):
      items.append(
        "Everything the decoder knew about the input came through the bridge: \(trace.model.decoderUnits) hidden and \(trace.model.decoderUnits) cell values."
      )
    case (.freeRunning, .repeatVector):
      items.append("The decoder read the same encoding at every step; its own state told the steps apart.")
    }
    var html: HTML = "<ul class=\"deck-summary\">" + items.map { "<li>\($0)</li>" as HTML }.joined() + "</ul>"
    if let notes = notes["w-summary"] { html += PresentMarkup.notes(notes) }
    return html
  }

  private func walk(id: String, steps: [TraceStep], feeding: DecodeRecord.Feeding, caption: String) -> HTML {
    TraceWalkFigure(
      trace: trace, feeding: feeding, unit: unit, id: id + "-walk", caption: caption, steps: steps, notes: notes[id]
    ).html
  }

  private func section(_ id: String, _ heading: String, _ html: HTML) -> FigureSection {
    FigureSection(id: id, heading: heading, html: html)
  }
}
