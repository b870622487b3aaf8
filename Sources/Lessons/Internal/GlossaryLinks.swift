/// Resolves `glossary:` links against the glossary's terms.
///
/// `[teacher forcing](glossary:teacher-forcing)` names the term by its slug;
/// `[teacher forcing](glossary:)` takes the slug from the link text.
struct GlossaryLinks {
  static let scheme = "glossary:"

  /// The term slugs, or nil when the lesson set has no glossary.
  var slugs: [String]?
  /// The page the Site writes the glossary to, e.g. `glossary.html`.
  var page: String

  func resolve(url: String, text: String, at location: SourceLocation, problems: ProblemList)
    -> String?
  {
    let written = String(url.dropFirst(Self.scheme.count))
    let slug = written.isEmpty ? Slug.make(text) : written
    guard let slugs else {
      problems.report(
        "link to glossary term `\(slug)`, but lessons.yml names no `glossary` file", at: location)
      return nil
    }
    guard slugs.contains(slug) else {
      var message = "unknown glossary term `\(slug)`"
      if let suggestion = Suggestion.closest(to: slug, in: slugs) {
        message += "; did you mean `\(suggestion)`?"
      } else {
        message += "; the glossary defines: \(slugs.joined(separator: ", "))"
      }
      problems.report(message, at: location)
      return nil
    }
    return slug
  }
}
