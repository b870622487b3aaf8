/// How a token is shown to a learner, in the terminal, in facts and on pages alike: the
/// start and end tokens by role, invisible characters by name, anything else as itself.
///
/// ```
/// TokenDisplay.name("\t", start: "\t", end: "\n")  // "⟨start⟩"
/// TokenDisplay.name(" ", start: "\t", end: "\n")   // "␣"
/// ```
public enum TokenDisplay {
  /// The visible name of `token` for a model whose start and end tokens are `start` and `end`.
  public static func name(_ token: String, start: String?, end: String?) -> String {
    if let start, token == start { return "⟨start⟩" }
    if let end, token == end { return "⟨end⟩" }
    switch token {
    case " ": return "␣"
    case "\t": return "⟨tab⟩"
    case "\n": return "⟨newline⟩"
    case "": return "⟨empty⟩"
    default: return token
    }
  }
}

extension ModelDescription {
  /// The visible name of one of this model's tokens (see ``TokenDisplay``).
  public func displayName(of token: String) -> String {
    TokenDisplay.name(token, start: startToken, end: endToken)
  }
}
