import CCmark
import Foundation

/// A Markdown document parsed by libcmark: the only file that touches the C API.
///
/// The document owns its cmark tree and frees it in `deinit`; every string cmark renders is
/// freed with `free()` right after it is copied into Swift. Callers see Swift values only:
/// `blocks` lists the top-level blocks, `rewrite(_:)` lets them replace inline code, links and
/// headings with their own HTML, and `renderHTML(blocks:)` renders a run of top-level blocks.
///
/// Parsing uses `CMARK_OPT_SMART`: curly quotes and real dashes read better in a tutorial,
/// and code (where straight quotes matter) is never touched by it.
final class CommonMarkDocument {
  /// A top-level block of the document.
  struct Block {
    enum Kind {
      /// A fenced or indented code block; `info` is empty for indented code.
      case code(info: String, literal: String)
      case heading(level: Int, text: String)
      case other
    }
    var kind: Kind
    /// 1-based line of the first line of the block.
    var line: Int
    /// 1-based byte column where the block starts (a fence's indentation + 1).
    var byteColumn: Int
  }

  /// A node offered to `rewrite(_:)`.
  struct Node {
    enum Kind {
      case heading(level: Int, text: String)
      /// Inline code; `literal` is the code without its backticks.
      case inlineCode(literal: String, isInHeading: Bool)
      /// A link; `text` is its plain text.
      case link(url: String, text: String)
      /// A code block; `isTopLevel` is false inside lists and quotes.
      case codeBlock(info: String, isTopLevel: Bool)
      /// Raw HTML, a block or inline; `literal` is the HTML as written.
      case rawHTML(literal: String)
      /// A paragraph, which may be a pipe table CommonMark does not know.
      case paragraph
    }
    var kind: Kind
    var line: Int
    var byteColumn: Int
  }

  /// What to do with a node.
  enum Rewrite {
    case keep
    /// Replace the node (and its children) with this HTML.
    case replace(html: String)
    /// Keep the node's children, but put them between this HTML instead of the node's own tags.
    case wrap(open: String, close: String)
    /// Render a heading as usual, with this (already escaped) `id` attribute.
    case identifyHeading(id: String)
  }

  private let root: OpaquePointer
  private let allowsRawHTML: Bool

  /// Parses `markdown` with source positions and smart punctuation.
  ///
  /// Without `allowsRawHTML`, cmark renders raw HTML as `<!-- raw HTML omitted -->`, which
  /// is then removed, so the reader sees nothing of it. With it, raw HTML is kept, but a
  /// Markdown link or image to a script URL still gets an empty address, as in safe mode:
  /// opting into raw HTML is not opting into `[x](javascript:…)`.
  init(markdown: String, allowsRawHTML: Bool) {
    let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_SMART
    root = markdown.withCString { cmark_parse_document($0, markdown.utf8.count, options) }
    self.allowsRawHTML = allowsRawHTML
    // Safe mode filters these when it renders; unsafe mode must have them filtered first.
    if allowsRawHTML { emptyScriptURLs() }
  }

  /// Whether a link or image to `url` could run a script: cmark's own safe-mode rule
  /// (`javascript:`, `vbscript:`, `file:`, and `data:` except PNG, GIF, JPEG and WebP
  /// images), letter case ignored.
  ///
  /// ```swift
  /// CommonMarkDocument.isScriptURL("JavaScript:alert(1)")      // true
  /// CommonMarkDocument.isScriptURL("data:image/png;base64,AA")  // false
  /// ```
  static func isScriptURL(_ url: String) -> Bool {
    let lowercased = url.lowercased()
    if ["javascript:", "vbscript:", "file:"].contains(where: lowercased.hasPrefix) { return true }
    guard lowercased.hasPrefix("data:") else { return false }
    let images = ["png", "gif", "jpeg", "webp"].map { "data:image/\($0)" }
    return !images.contains(where: lowercased.hasPrefix)
  }

  deinit {
    cmark_node_free(root)
  }

  /// The top-level blocks, in document order.
  var blocks: [Block] {
    children(of: root).map { node in
      let kind: Block.Kind
      switch cmark_node_get_type(node) {
      case CMARK_NODE_CODE_BLOCK:
        kind = .code(
          info: string(cmark_node_get_fence_info(node)),
          literal: string(cmark_node_get_literal(node)))
      case CMARK_NODE_HEADING:
        kind = .heading(level: Int(cmark_node_get_heading_level(node)), text: plainText(of: node))
      default:
        kind = .other
      }
      return Block(
        kind: kind, line: Int(cmark_node_get_start_line(node)),
        byteColumn: Int(cmark_node_get_start_column(node)))
    }
  }

  /// Offers every heading, inline code, link and code block to `transform` in document order,
  /// then applies the rewrites it asked for. Call it once, before rendering.
  func rewrite(_ transform: (Node) -> Rewrite) {
    let planned = plannedRewrites(transform)
    // Children come after their parent in document order, so applying the rewrites backwards
    // handles every child before its parent is replaced or freed.
    for (node, rewrite) in planned.reversed() {
      apply(rewrite, to: node)
    }
  }

  /// Renders the top-level blocks with the given indexes (into `blocks`) to HTML.
  func renderHTML(blocks indexes: Range<Int>) -> String {
    let nodes = children(of: root)
    var html = ""
    for index in indexes where nodes.indices.contains(index) {
      html += render(nodes[index])
    }
    return html
  }

  /// Renders the whole document to HTML.
  func renderHTML() -> String {
    renderHTML(blocks: 0..<children(of: root).count)
  }
}

extension CommonMarkDocument {
  /// Empties the address of every link and image (autolinks included) to a script URL.
  fileprivate func emptyScriptURLs() {
    guard let iterator = cmark_iter_new(root) else { return }
    defer { cmark_iter_free(iterator) }
    while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
      guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
        let node = cmark_iter_get_node(iterator),
        [CMARK_NODE_LINK, CMARK_NODE_IMAGE].contains(cmark_node_get_type(node)),
        Self.isScriptURL(string(cmark_node_get_url(node)))
      else { continue }
      cmark_node_set_url(node, "")
    }
  }

  /// Walks the tree once, asking `transform` about each interesting node; changes nothing.
  fileprivate func plannedRewrites(_ transform: (Node) -> Rewrite) -> [(
    node: OpaquePointer, rewrite: Rewrite
  )] {
    guard let iterator = cmark_iter_new(root) else { return [] }
    defer { cmark_iter_free(iterator) }
    var planned: [(node: OpaquePointer, rewrite: Rewrite)] = []
    while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
      guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
        let node = cmark_iter_get_node(iterator)
      else { continue }
      let kind: Node.Kind
      switch cmark_node_get_type(node) {
      case CMARK_NODE_HEADING:
        kind = .heading(level: Int(cmark_node_get_heading_level(node)), text: plainText(of: node))
      case CMARK_NODE_CODE:
        kind = .inlineCode(
          literal: string(cmark_node_get_literal(node)), isInHeading: isInHeading(node))
      case CMARK_NODE_LINK:
        kind = .link(url: string(cmark_node_get_url(node)), text: plainText(of: node))
      case CMARK_NODE_CODE_BLOCK:
        kind = .codeBlock(
          info: string(cmark_node_get_fence_info(node)), isTopLevel: cmark_node_parent(node) == root
        )
      case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
        kind = .rawHTML(literal: string(cmark_node_get_literal(node)))
      case CMARK_NODE_PARAGRAPH:
        kind = .paragraph
      default:
        continue
      }
      let position = Node(
        kind: kind, line: Int(cmark_node_get_start_line(node)),
        byteColumn: Int(cmark_node_get_start_column(node)))
      let rewrite = transform(position)
      if case .keep = rewrite { continue }
      planned.append((node, rewrite))
    }
    return planned
  }

  fileprivate func children(of parent: OpaquePointer) -> [OpaquePointer] {
    var nodes: [OpaquePointer] = []
    var child = cmark_node_first_child(parent)
    while let node = child {
      nodes.append(node)
      child = cmark_node_next(node)
    }
    return nodes
  }

  fileprivate func isInHeading(_ node: OpaquePointer) -> Bool {
    var ancestor = cmark_node_parent(node)
    while let current = ancestor {
      if cmark_node_get_type(current) == CMARK_NODE_HEADING { return true }
      ancestor = cmark_node_parent(current)
    }
    return false
  }

  fileprivate func string(_ pointer: UnsafePointer<CChar>?) -> String {
    pointer.map { String(cString: $0) } ?? ""
  }

  /// The text a reader sees in a node: its text and code, breaks as spaces.
  fileprivate func plainText(of node: OpaquePointer) -> String {
    var text = ""
    for child in children(of: node) {
      switch cmark_node_get_type(child) {
      case CMARK_NODE_TEXT, CMARK_NODE_CODE:
        text += string(cmark_node_get_literal(child))
      case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
        text += " "
      default:
        text += plainText(of: child)
      }
    }
    return text
  }

  fileprivate func render(_ node: OpaquePointer) -> String {
    guard
      let rendered = cmark_render_html(node, allowsRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT)
    else { return "" }
    defer { free(rendered) }
    let html = String(cString: rendered)
    guard !allowsRawHTML else { return html }
    return html.replacingOccurrences(of: "<!-- raw HTML omitted -->\n", with: "")
      .replacingOccurrences(of: "<!-- raw HTML omitted -->", with: "")
  }

  fileprivate func isBlock(_ node: OpaquePointer) -> Bool {
    let type = cmark_node_get_type(node).rawValue
    return type >= CMARK_NODE_FIRST_BLOCK.rawValue && type <= CMARK_NODE_LAST_BLOCK.rawValue
  }

  /// Puts a custom node (block or inline, like the node) holding our HTML in place of `node`.
  /// cmark writes a custom node's `on_enter` and `on_exit` verbatim, in safe mode too.
  fileprivate func apply(_ rewrite: Rewrite, to node: OpaquePointer) {
    let enter: String
    let exit: String
    var keepsChildren = false
    switch rewrite {
    case .keep:
      return
    case .replace(let html):
      (enter, exit) = (html, "")
    case .wrap(let open, let close):
      (enter, exit, keepsChildren) = (open, close, true)
    case .identifyHeading(let id):
      // Rendered alone, a heading is exactly `<hN>…</hN>\n`: add the id to its first tag.
      let level = cmark_node_get_heading_level(node)
      let html = render(node)
      let tag = "<h\(level)>"
      enter = html.hasPrefix(tag) ? "<h\(level) id=\"\(id)\">" + html.dropFirst(tag.count) : html
      exit = ""
    }
    guard
      let replacement = cmark_node_new(
        isBlock(node) ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE)
    else { return }
    guard cmark_node_insert_before(node, replacement) == 1 else {
      cmark_node_free(replacement)
      return
    }
    cmark_node_set_on_enter(replacement, enter)
    cmark_node_set_on_exit(replacement, exit)
    if keepsChildren {
      for child in children(of: node) {
        cmark_node_append_child(replacement, child)
      }
    }
    // Frees the node and whatever children it still has.
    cmark_node_free(node)
  }
}
