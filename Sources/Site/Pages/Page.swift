import Figures
import Markup

/// One page of the site before it is rendered: a title, where it goes, and its sections
/// of already-built HTML (prose fragments and figures).
///
/// ```
/// Page(path: "models/addition.html", title: "addition", template: .model,
///      sections: [PageSection(id: "walk", heading: "The walk", html: figure.html)])
/// // renders to models/addition.html: <main>…<h1>addition</h1>…<section id="walk">…
/// ```
public struct Page: Sendable {
  /// Which template lays the page out; a theme overrides a template by its file name.
  public enum Template: String, Sendable, CaseIterable {
    /// `trace.mustache`: one traced input.
    case trace
    /// `model.mustache`: a model with prepared traces.
    case model
    /// `lesson.mustache`: a lesson's prose and figures.
    case lesson
    /// `index.mustache`: the site's list of pages.
    case index
    /// `page.mustache`: anything else.
    case page
  }

  /// The page's path inside the site, with `/` separators (`lessons/06-bridge.html`).
  public var path: String
  /// The title (plain text; escaped when rendered).
  public var title: String
  /// One sentence under the title (plain text), or `nil`.
  public var lede: String?
  /// The template to use.
  public var template: Template
  /// The sections, in order.
  public var sections: [PageSection]
  /// Whether the page lists its sections at the top.
  public var showsContents: Bool
  /// Whether the page appears in the site's navigation.
  public var inNavigation: Bool
  /// Whether the page holds an input field that runs the model in the page (live.js).
  public var hasLiveInput = false
  /// A standalone trace page's input field and its inline assets, when it has one.
  public var liveTrace: LiveTracePage? = nil
  /// HTML for the whole article body, built and escaped in Swift, for templates that lay
  /// out their own headings (lesson pages); `nil` for pages made of sections.
  public var body: HTML?

  /// A page at `path`.
  public init(
    path: String, title: String, lede: String? = nil, template: Template = .page, sections: [PageSection],
    showsContents: Bool = true, inNavigation: Bool = true
  ) {
    self.path = path
    self.title = title
    self.lede = lede
    self.template = template
    self.sections = sections
    self.showsContents = showsContents
    self.inNavigation = inNavigation
  }
}

/// A section of a page: a heading and HTML that the caller built and escaped (prose
/// fragments from a lesson, figures from `Figures/`). The same type as the figures' own
/// sections, so a trace page's sections reach the template as Figures made them.
public typealias PageSection = FigureSection
