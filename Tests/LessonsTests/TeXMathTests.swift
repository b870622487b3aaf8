import Testing

@testable import Lessons

@Suite("TeXMath")
struct TeXMathTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var tex: String
    var mathML: String
    var testDescription: String { tex }
  }

  static let rendered: [Case] = [
    Case(tex: "x", mathML: "<mi>x</mi>"),
    Case(tex: "xy", mathML: "<mi>x</mi><mi>y</mi>"),
    Case(tex: "0.5 + 12", mathML: "<mn>0.5</mn><mo>+</mo><mn>12</mn>"),
    Case(tex: "a - b = c", mathML: "<mi>a</mi><mo>−</mo><mi>b</mi><mo>=</mo><mi>c</mi>"),
    Case(
      tex: "f(x), [y]",
      mathML: "<mi>f</mi><mo>(</mo><mi>x</mi><mo>)</mo><mo>,</mo><mo>[</mo><mi>y</mi><mo>]</mo>"),
    Case(tex: "x_t", mathML: "<msub><mi>x</mi><mi>t</mi></msub>"),
    Case(tex: "x^2", mathML: "<msup><mi>x</mi><mn>2</mn></msup>"),
    Case(tex: "x_10", mathML: "<msub><mi>x</mi><mn>1</mn></msub><mn>0</mn>"),
    Case(tex: "W_{xh}", mathML: "<msub><mi>W</mi><mrow><mi>x</mi><mi>h</mi></mrow></msub>"),
    Case(
      tex: "c_{t-1}", mathML: "<msub><mi>c</mi><mrow><mi>t</mi><mo>−</mo><mn>1</mn></mrow></msub>"),
    Case(tex: "x_i^2", mathML: "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>"),
    Case(tex: "x^2_i", mathML: "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>"),
    Case(tex: "\\alpha\\omega\\Sigma", mathML: "<mi>α</mi><mi>ω</mi><mi>Σ</mi>"),
    Case(tex: "\\sigma(z)", mathML: "<mi>σ</mi><mo>(</mo><mi>z</mi><mo>)</mo>"),
    Case(tex: "f \\odot c ⊙ g", mathML: "<mi>f</mi><mo>⊙</mo><mi>c</mi><mo>⊙</mo><mi>g</mi>"),
    Case(tex: "a \\cdot b \\times c", mathML: "<mi>a</mi><mo>⋅</mo><mi>b</mi><mo>×</mo><mi>c</mi>"),
    Case(tex: "\\tanh(c)", mathML: "<mi>tanh</mi><mo>(</mo><mi>c</mi><mo>)</mo>"),
    Case(tex: "\\exp \\log", mathML: "<mi>exp</mi><mi>log</mi>"),
    Case(tex: "\\frac{1}{n}", mathML: "<mfrac><mn>1</mn><mi>n</mi></mfrac>"),
    Case(
      tex: "\\frac{a+b}{2}",
      mathML: "<mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mn>2</mn></mfrac>"),
    Case(
      tex: "\\sum_{i}^{n} x_i",
      mathML:
        "<munderover><mo>∑</mo><mi>i</mi><mi>n</mi></munderover><msub><mi>x</mi><mi>i</mi></msub>"),
    Case(tex: "\\sum_t", mathML: "<munder><mo>∑</mo><mi>t</mi></munder>"),
    Case(tex: "\\text{loss} = 1", mathML: "<mtext>loss</mtext><mo>=</mo><mn>1</mn>"),
    Case(tex: "\\text{a < b & c}", mathML: "<mtext>a &lt; b &amp; c</mtext>"),
    Case(
      tex: "c_t = f_t \\odot c_{t-1} + i_t \\odot g_t",
      mathML:
        "<msub><mi>c</mi><mi>t</mi></msub><mo>=</mo><msub><mi>f</mi><mi>t</mi></msub><mo>⊙</mo>"
        + "<msub><mi>c</mi><mrow><mi>t</mi><mo>−</mo><mn>1</mn></mrow></msub><mo>+</mo>"
        + "<msub><mi>i</mi><mi>t</mi></msub><mo>⊙</mo><msub><mi>g</mi><mi>t</mi></msub>"),
  ]

  @Test("renders the documented TeX subset to MathML", arguments: rendered)
  func rendersSubset(_ example: Case) throws {
    let mathML = try TeXMath.mathML(for: example.tex)
    #expect(mathML == "<math display=\"block\">\(example.mathML)</math>")
  }

  struct Failure: CustomTestStringConvertible, Sendable {
    var tex: String
    var error: String
    var testDescription: String { tex }
  }

  static let refused: [Failure] = [
    Failure(
      tex: "",
      error: "1:1: the math block is empty; write a formula such as `h_t = o_t \\odot \\tanh(c_t)`"),
    Failure(
      tex: "a / b",
      error:
        "1:3: `/` is not in the supported TeX subset; see “Math” in docs/authoring.md for what is supported"
    ),
    Failure(
      tex: "x + \\beta\n  + \\foo",
      error:
        "2:5: `\\foo` is not in the supported TeX subset; see “Math” in docs/authoring.md for what is supported"
    ),
    Failure(
      tex: "\\{",
      error:
        "1:1: `\\{` is not in the supported TeX subset; see “Math” in docs/authoring.md for what is supported"
    ),
    Failure(tex: "a}", error: "1:2: unmatched `}`"),
    Failure(tex: "x_{t", error: "1:3: `{` is never closed; add a `}`"),
    Failure(
      tex: "x_",
      error:
        "1:2: `_` needs an argument after it: one character or a group in braces, as in `x_{t-1}`"),
    Failure(tex: "_t", error: "1:1: `_` needs something before it, as in `x_t`"),
    Failure(tex: "x_a_b", error: "1:4: double subscript: use braces, as in `x_{ab}`"),
    Failure(
      tex: "\\frac{a}b", error: "1:1: `\\frac` needs two arguments in braces, as in `\\frac{a}{b}`"),
    Failure(
      tex: "\\text loss", error: "1:1: `\\text` needs its words in braces, as in `\\text{loss}`"),
    Failure(
      tex: "é",
      error:
        "1:1: `é` is not in the supported TeX subset; see “Math” in docs/authoring.md for what is supported"
    ),
  ]

  @Test("refuses anything outside the subset with its line and column", arguments: refused)
  func refusesOutsideSubset(_ example: Failure) {
    #expect(throws: TeXMathError.self) { try TeXMath.mathML(for: example.tex) }
    do {
      _ = try TeXMath.mathML(for: example.tex)
    } catch {
      #expect(error.description == example.error)
    }
  }
}
