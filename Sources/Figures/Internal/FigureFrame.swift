import Markup

/// The frame every figure draws: its `<figure>` element, and a `<figcaption>` that starts
/// with the author's caption (plain text, escaped) before the generated description.
///
/// ```
/// let frame = FigureFrame(kind: "bi-figure", id: "bi", attributes: " data-panel=\"bidirectional\"", caption: "A & B")
/// frame.start                             // <figure class="figure bi-figure" id="bi" data-panel="bidirectional">
/// frame.caption("Two directions.")        // <figcaption>A &amp; B Two directions.</figcaption>
/// frame.end(caption: "Two directions.")   // <figcaption>A &amp; B Two directions.</figcaption></figure>
/// ```
package struct FigureFrame {
  /// The figure's own class after `figure`, e.g. `bi-figure`.
  package var kind: String
  /// The figure's element id (plain text, escaped when drawn).
  package var id: String
  /// Markup after the id inside the opening tag, e.g. ` data-panel="training"`.
  package var attributes: HTML = ""
  /// The author's caption (plain text, escaped when drawn), put before the generated description.
  package var caption: String?

  package init(kind: String, id: String, attributes: HTML = "", caption: String?) {
    self.kind = kind
    self.id = id
    self.attributes = attributes
    self.caption = caption
  }

  /// The opening `<figure …>` tag.
  package var start: HTML { "<figure class=\"figure \(kind)\" id=\"\(id)\"\(attributes)>" }

  /// The author's caption and a space, or nothing.
  package var captionLead: HTML { caption.map { "\($0) " } ?? "" }

  /// The `<figcaption>`: the author's caption, then `description`.
  package func caption(_ description: HTML) -> HTML { "<figcaption>\(captionLead)\(description)</figcaption>" }

  /// The `<figcaption>` and the closing `</figure>`.
  package func end(caption description: HTML) -> HTML { caption(description) + "</figure>" }
}
