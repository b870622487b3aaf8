import Markup

// TeXMath: turns a formula written in a small subset of TeX into presentation MathML, so the
// lessons can show the LSTM equations without a JavaScript math renderer or a network request.
// Goals, in order: every accepted formula renders correctly; anything else is refused with the
// exact place and a hint; the code stays small enough to read in one sitting.
//
// The subset (documented for authors in docs/authoring.md):
//   letters a-z A-Z          one <mi> each, as in TeX (`xy` is x times y)
//   numbers 12, 0.5, .5      <mn>
//   + - = , ( ) [ ] ⊙        <mo> (`-` is shown as the minus sign −)
//   x_i  x^2  x_i^2  x_{t-1} subscripts and superscripts; an argument is one letter, one
//                            digit, one command or a {braced group}, as in TeX
//   {…}                      grouping
//   \alpha … \omega, \Gamma \Delta \Theta \Lambda \Xi \Pi \Sigma \Phi \Psi \Omega
//   \odot ⊙  \cdot ⋅  \times ×
//   \tanh \exp \log          function names, upright
//   \frac{a}{b}  \sum  \text{words}
// Whitespace between tokens is ignored. Groups nest at most `LessonLimits.mathNesting` deep:
// the parser recurses once per group, so a limit keeps a hostile formula from exhausting the
// stack.

/// Renders a formula in a small TeX subset to MathML.
///
/// ```swift
/// try TeXMath.mathML(for: "c_t = f_t \\odot c_{t-1}")
/// // <math display="block"><msub><mi>c</mi><mi>t</mi></msub><mo>=</mo>
/// //   <msub><mi>f</mi><mi>t</mi></msub><mo>⊙</mo>
/// //   <msub><mi>c</mi><mrow><mi>t</mi><mo>−</mo><mn>1</mn></mrow></msub></math>   (one line)
/// ```
public enum TeXMath {
  /// Renders `source` as a display (block) MathML element.
  ///
  /// ```swift
  /// try TeXMath.mathML(for: "x^2")  // <math display="block"><msup><mi>x</mi><mn>2</mn></msup></math>
  /// ```
  /// - Throws: `TeXMathError` at the first thing outside the subset.
  public static func mathML(for source: String) throws(TeXMathError) -> String {
    var parser = TeXMathParser(source: source)
    let body = try parser.parseFormula()
    return "<math display=\"block\">\(body)</math>"
  }
}

/// A recursive-descent parser over the formula's Unicode scalars that writes MathML as it goes.
private struct TeXMathParser {
  private let scalars: [Unicode.Scalar]
  private var position = 0
  /// How many groups are open at `position`.
  private var nesting = 0

  init(source: String) {
    scalars = Array(source.unicodeScalars)
  }

  mutating func parseFormula() throws(TeXMathError) -> String {
    let items = try parseSequence(insideGroup: false)
    guard !items.isEmpty else {
      throw error(
        at: 0, "the math block is empty; write a formula such as `h_t = o_t \\odot \\tanh(c_t)`")
    }
    return items.joined()
  }
}

extension TeXMathParser {
  fileprivate static let greek: [String: String] = [
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ",
    "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ",
    "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
  ]
  fileprivate static let operatorCommands: [String: String] = [
    "odot": "⊙", "cdot": "⋅", "times": "×",
  ]
  fileprivate static let functionNames: Set<String> = ["tanh", "exp", "log"]
  fileprivate static let operators: [Unicode.Scalar: String] = [
    "+": "+", "-": "−", "=": "=", ",": ",", "(": "(", ")": ")", "[": "[", "]": "]", "⊙": "⊙",
  ]
  fileprivate static let subsetHint = "see “Math” in docs/authoring.md for what is supported"

  /// One rendered item and whether it is a big operator (`\sum`), whose scripts go under and over.
  fileprivate struct Atom {
    var mathML: String
    var isLargeOperator = false
  }

  fileprivate var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

  fileprivate func isDigit(at offset: Int) -> Bool {
    offset < scalars.count && ("0"..."9").contains(scalars[offset])
  }

  fileprivate mutating func skipWhitespace() {
    while let scalar = current, scalar.properties.isWhitespace { position += 1 }
  }

  /// Items until the end (or a closing brace inside a group).
  fileprivate mutating func parseSequence(insideGroup: Bool) throws(TeXMathError) -> [String] {
    var items: [String] = []
    while true {
      skipWhitespace()
      guard let scalar = current else { return items }
      if scalar == "}" {
        if insideGroup { return items }
        throw error(at: position, "unmatched `}`")
      }
      if scalar == "_" || scalar == "^" {
        throw error(at: position, "`\(scalar)` needs something before it, as in `x\(scalar)t`")
      }
      let atom = try parseAtom()
      items.append(try parseScripts(on: atom))
    }
  }

  /// A base followed by optional `_` and `^` in either order.
  fileprivate mutating func parseScripts(on base: Atom) throws(TeXMathError) -> String {
    var subscriptML: String?
    var superscriptML: String?
    while true {
      skipWhitespace()
      guard let scalar = current, scalar == "_" || scalar == "^" else { break }
      let scriptStart = position
      position += 1
      let isSubscript = scalar == "_"
      if (isSubscript ? subscriptML : superscriptML) != nil {
        let example = isSubscript ? "x_{ab}" : "x^{ab}"
        throw error(
          at: scriptStart,
          "double \(isSubscript ? "subscript" : "superscript"): use braces, as in `\(example)`")
      }
      let argument = try parseArgument(after: String(scalar), at: scriptStart)
      if isSubscript { subscriptML = argument } else { superscriptML = argument }
    }
    switch (subscriptML, superscriptML) {
    case (nil, nil): return base.mathML
    case (let sub?, nil):
      return base.isLargeOperator
        ? "<munder>\(base.mathML)\(sub)</munder>" : "<msub>\(base.mathML)\(sub)</msub>"
    case (nil, let sup?):
      return base.isLargeOperator
        ? "<mover>\(base.mathML)\(sup)</mover>" : "<msup>\(base.mathML)\(sup)</msup>"
    case (let sub?, let sup?):
      let element = base.isLargeOperator ? "munderover" : "msubsup"
      return "<\(element)>\(base.mathML)\(sub)\(sup)</\(element)>"
    }
  }

  /// The argument of `_`, `^` or `\frac`: one letter, one digit, one command or a braced group.
  fileprivate mutating func parseArgument(after command: String, at commandStart: Int)
    throws(TeXMathError) -> String
  {
    skipWhitespace()
    guard let scalar = current, scalar != "}", scalar != "_", scalar != "^" else {
      throw error(
        at: commandStart,
        "`\(command)` needs an argument after it: one character or a group in braces, as in `x_{t-1}`"
      )
    }
    if scalar == "{" { return try parseAtom().mathML }
    if ("0"..."9").contains(scalar) {
      position += 1
      return "<mn>\(scalar)</mn>"
    }
    return try parseAtom().mathML
  }

  fileprivate mutating func parseAtom() throws(TeXMathError) -> Atom {
    let start = position
    guard let scalar = current else { throw error(at: start, "the formula ends too early") }
    if scalar == "{" {
      guard nesting < LessonLimits.mathNesting else {
        throw error(
          at: start,
          "groups nest more than \(LessonLimits.mathNesting) deep here; split the formula into smaller ones")
      }
      nesting += 1
      position += 1
      let items = try parseSequence(insideGroup: true)
      guard current == "}" else { throw error(at: start, "`{` is never closed; add a `}`") }
      position += 1
      nesting -= 1
      return Atom(mathML: items.count == 1 ? items[0] : "<mrow>\(items.joined())</mrow>")
    }
    if scalar == "\\" { return try parseCommand() }
    if scalar.isASCII, scalar.properties.isAlphabetic {
      position += 1
      return Atom(mathML: "<mi>\(HTMLEscaping.escape(String(scalar)))</mi>")
    }
    if ("0"..."9").contains(scalar) || (scalar == "." && isDigit(at: position + 1)) {
      var number = ""
      while let digit = current, ("0"..."9").contains(digit) || digit == "." {
        number.unicodeScalars.append(digit)
        position += 1
      }
      return Atom(mathML: "<mn>\(HTMLEscaping.escape(number))</mn>")
    }
    if let symbol = Self.operators[scalar] {
      position += 1
      return Atom(mathML: "<mo>\(HTMLEscaping.escape(symbol))</mo>")
    }
    throw error(at: start, "`\(scalar)` is not in the supported TeX subset; \(Self.subsetHint)")
  }

  fileprivate mutating func parseCommand() throws(TeXMathError) -> Atom {
    let start = position
    position += 1
    var name = ""
    while let scalar = current, scalar.isASCII, scalar.properties.isAlphabetic {
      name.unicodeScalars.append(scalar)
      position += 1
    }
    if name.isEmpty {
      let shown = current.map { "\\\($0)" } ?? "\\"
      throw error(at: start, "`\(shown)` is not in the supported TeX subset; \(Self.subsetHint)")
    }
    if let letter = Self.greek[name] { return Atom(mathML: "<mi>\(HTMLEscaping.escape(letter))</mi>") }
    if let symbol = Self.operatorCommands[name] {
      return Atom(mathML: "<mo>\(HTMLEscaping.escape(symbol))</mo>")
    }
    if Self.functionNames.contains(name) { return Atom(mathML: "<mi>\(HTMLEscaping.escape(name))</mi>") }
    switch name {
    case "sum":
      return Atom(mathML: "<mo>∑</mo>", isLargeOperator: true)
    case "frac":
      skipWhitespace()
      guard current == "{" else {
        throw error(at: start, "`\\frac` needs two arguments in braces, as in `\\frac{a}{b}`")
      }
      let numerator = try parseAtom().mathML
      skipWhitespace()
      guard current == "{" else {
        throw error(at: start, "`\\frac` needs two arguments in braces, as in `\\frac{a}{b}`")
      }
      let denominator = try parseAtom().mathML
      return Atom(mathML: "<mfrac>\(numerator)\(denominator)</mfrac>")
    case "text":
      skipWhitespace()
      guard current == "{" else {
        throw error(at: start, "`\\text` needs its words in braces, as in `\\text{loss}`")
      }
      position += 1
      var text = ""
      while let scalar = current, scalar != "}" {
        text.unicodeScalars.append(scalar)
        position += 1
      }
      guard current == "}" else { throw error(at: start, "`\\text{` is never closed; add a `}`") }
      position += 1
      return Atom(mathML: "<mtext>\(HTMLEscaping.escape(text))</mtext>")
    default:
      throw error(at: start, "`\\\(name)` is not in the supported TeX subset; \(Self.subsetHint)")
    }
  }

  /// An error at a scalar offset, converted to a 1-based line and column.
  fileprivate func error(at offset: Int, _ message: String) -> TeXMathError {
    var line = 1
    var column = 1
    for scalar in scalars[..<min(offset, scalars.count)] {
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return TeXMathError(line: line, column: column, message: message)
  }
}
