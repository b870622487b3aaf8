import Figures
import Markup
import Trace

extension PageRenderer {
  /// A walkthrough deck as one self-contained HTML file (CSS, scripts and SVG inline; nothing
  /// is fetched): it opens in present mode, one step per slide; printed, it gives one step
  /// per page with its narration. With `handout` it opens as a page to print instead.
  ///
  /// ```
  /// try PageRenderer().walkthroughDeck(Walkthrough(trace: trace))
  /// // <!DOCTYPE html>…<main id="content" tabindex="-1"><article class="deck" data-deck="present">
  /// //   <section class="slide title-slide" id="w-title" data-slide …><h1 …>“␣2+10” through addition</h1>…
  /// ```
  ///
  /// `live`, when given, lets present mode's class input (I) rebuild the deck for the room's
  /// input in the page, with the module and the checkpoint inline.
  public func walkthroughDeck(_ walkthrough: Walkthrough, handout: Bool = false, live: LiveTracePage? = nil) -> String {
    var page = Page(path: "walkthrough.html", title: walkthrough.title, template: .page, sections: [])
    page.liveTrace = live
    page.hasLiveInput = live != nil
    return layout(
      page: page, content: deckContent(walkthrough, handout: handout, live: live), inlineAssets: true, navigation: [],
      home: nil)
  }

  /// The deck for `trace`: ``walkthroughDeck(_:handout:)`` over a ``Walkthrough``.
  public func walkthroughDeck(trace: ModelTrace, unit: Int = 0, handout: Bool = false) -> String {
    walkthroughDeck(Walkthrough(trace: trace, unit: unit), handout: handout)
  }

  /// The HTML inside `<main>` for a deck (what golden tests compare).
  public func deckContent(_ walkthrough: Walkthrough, handout: Bool = false, live: LiveTracePage? = nil) -> String {
    let slides: [[String: Any]] = walkthrough.slides.map { ["id": $0.id, "heading": $0.heading, "html": $0.html.string] }
    var context: [String: Any] = [
      "title": walkthrough.title, "lede": walkthrough.lede, "titleID": Walkthrough.titleID,
      "titleHTML": walkthrough.titleHTML.string, "slides": slides, "handout": handout, "mode": handout ? "handout" : "present",
    ]
    if let live { context["liveForm"] = live.form.string }
    return library.render(context, withTemplate: "deck") ?? ""
  }
}
