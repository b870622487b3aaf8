import Testing

@testable import Lessons

/// One mistake per case, each checked as the exact `file:line:column: message` lines.
@Suite("Reporting problems")
struct LessonProblemTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var files: [String: String]
    var expected: [String]
    var testDescription: String { name }

    /// A case with one lesson `a.md`: valid front matter (7 lines) and then `body` from line 8.
    init(_ name: String, body: String, extraFiles: [String: String] = [:], _ expected: String...) {
      self.name = name
      self.files = extraFiles.merging(["a.md": Fixtures.frontMatter + body]) { $1 }
      self.expected = expected
    }

    init(_ name: String, files: [String: String], _ expected: String...) {
      self.name = name
      self.files = files
      self.expected = expected
    }
  }

  static let lesson = Fixtures.frontMatter
  static let secondLesson = Fixtures.frontMatter.replacingOccurrences(
    of: "order: 1", with: "order: 2")

  static let frontMatterCases: [Case] = [
    Case(
      "front matter missing", files: ["a.md": "# Hello\n"],
      "a.md:1:1: a lesson starts with front matter between `---` lines: title, order, summary, objectives, minutes"
    ),
    Case(
      "front matter never closed", files: ["a.md": "---\ntitle: A\n"],
      "a.md:1:1: the front matter that starts here is never closed; end it with a `---` line"),
    Case(
      "unknown key with a suggestion",
      files: [
        "a.md": "---\ntitle: A\norder: 1\nsumary: S\nsummary: S\nobjectives: [L]\nminutes: 5\n---\n"
      ],
      "a.md:4:1: unknown key `sumary` in the front matter; did you mean `summary`?"),
    Case(
      "required key missing",
      files: ["a.md": "---\ntitle: A\norder: 1\nsummary: S\nobjectives: [L]\n---\n"],
      "a.md:1:1: the front matter is missing `minutes` (estimated minutes to work through the lesson)"
    ),
    Case(
      "order is not a number",
      files: [
        "a.md": "---\ntitle: A\norder: first\nsummary: S\nobjectives: [L]\nminutes: 5\n---\n"
      ],
      "a.md:3:8: `order` in the front matter must be a whole number, not `first`"),
    Case(
      "no objectives",
      files: ["a.md": "---\ntitle: A\norder: 1\nsummary: S\nobjectives: []\nminutes: 5\n---\n"],
      "a.md:5:13: `objectives` needs at least one objective"),
    Case(
      "invalid YAML",
      files: ["a.md": "---\ntitle: A\norder: 1\nsummary: S\nobjectives: [L\nminutes: 5\n---\n"],
      "a.md:5:13: the front matter is not valid YAML (did not find expected ',' or ']'): a value that starts with `[` is a list: end it with `]`, or quote it: objectives: \"[L\""
    ),
    Case(
      "a value that starts with a colon",
      files: ["a.md": "---\ntitle: : Gates\norder: 1\nsummary: S\nobjectives: [L]\nminutes: 5\n---\n"],
      "a.md:2:8: the front matter is not valid YAML (mapping values are not allowed in this context): a value that starts with `:` must be quoted: title: \": Gates\""
    ),
    Case(
      "a value that holds a colon and a space",
      files: ["a.md": "---\ntitle: Gates: the forget gate\norder: 1\nsummary: S\nobjectives: [L]\nminutes: 5\n---\n"],
      "a.md:2:8: the front matter is not valid YAML (mapping values are not allowed in this context): a value that holds `: ` must be quoted: title: \"Gates: the forget gate\""
    ),
    Case(
      "a value that starts with an alias star",
      files: ["a.md": "---\ntitle: *Gates*\norder: 1\nsummary: S\nobjectives: [L]\nminutes: 5\n---\n"],
      "a.md:2:8: the front matter is not valid YAML (did not find expected alphabetic or numeric character): a value that starts with `*` must be quoted: title: \"*Gates*\""
    ),
    Case(
      "a value that starts with @",
      files: ["a.md": "---\ntitle: '@home'\norder: 1\nsummary: @home\nobjectives: [L]\nminutes: 5\n---\n"],
      "a.md:4:10: the front matter is not valid YAML (found character that cannot start any token): a value that starts with `@` must be quoted: summary: \"@home\""
    ),
    Case(
      "a value that starts with an anchor ampersand",
      files: ["a.md": "---\ntitle: &Gates\norder: 1\nsummary: S\nobjectives: [L]\nminutes: 5\n---\n"],
      "a.md:2:1: `title` in the front matter has no value; a value that starts with `&` must be quoted: title: \"&Gates\""
    ),
    Case(
      "a value that starts with a tag, which YAML would take off silently",
      files: ["a.md": "---\ntitle: !important Gates\norder: 1\nsummary: S\nobjectives: [L]\nminutes: 5\n---\n"],
      "a.md:2:8: `title` in the front matter must be text; a value that starts with `!` must be quoted: title: \"!important Gates\""
    ),
    Case(
      "a tab that indents",
      files: ["a.md": "---\ntitle: A\norder: 1\nsummary: S\nobjectives:\n\t- L\nminutes: 5\n---\n"],
      "a.md:6:1: the front matter is not valid YAML (found character that cannot start any token): a tab may not indent YAML; indent with spaces"
    ),
    Case(
      "slug not a slug",
      files: [
        "a.md":
          "---\ntitle: A\norder: 1\nsummary: S\nobjectives: [L]\nminutes: 5\nslug: Big Cells\n---\n"
      ],
      "a.md:7:7: slug `Big Cells` must be lowercase letters, digits and dashes, like `big-cells`"),
    Case(
      "unknown model in models",
      files: [
        "a.md":
          "---\ntitle: A\norder: 1\nsummary: S\nobjectives: [L]\nminutes: 5\nmodels: [addition, adder]\n---\n"
      ],
      "a.md:7:20: unknown model \"adder\"; known models: addition, reverse"),
  ]

  static let lessonSetCases: [Case] = [
    Case(
      "two lessons with the same order", files: ["a.md": lesson, "b.md": lesson],
      "b.md:3:8: lessons a.md and b.md both have order 1; give each lesson its own"),
    Case(
      "two lessons with the same slug",
      files: [
        "a.md": lesson,
        "b.md": secondLesson.replacingOccurrences(of: "minutes: 5", with: "minutes: 5\nslug: a"),
      ],
      "b.md:7:7: lessons a.md and b.md both have slug `a`; set `slug:` in one of them"),
    Case(
      "lessons.yml mistakes",
      files: [
        "a.md": lesson,
        "lessons.yml": "title: T\nunsafe-html: yes please\nglossary: terms.md\ncolor: red\n",
      ],
      "lessons.yml:2:14: `unsafe-html` in lessons.yml must be `true` or `false`",
      "lessons.yml:3:11: the glossary file `terms.md` is not in the lessons directory",
      "lessons.yml:4:1: unknown key `color` in lessons.yml; expected one of: title, unsafe-html, glossary"
    ),
    Case(
      "no lessons", files: ["lessons.yml": "title: T\n"],
      ".:1:1: the lessons directory has no `*.md` lessons"),
  ]

  static func trace(_ lines: String) -> String { "```trace\n\(lines)```\n" }

  static let traceCases: [Case] = [
    Case(
      "trace: unknown model", body: trace("model: adder\ninput: abc\nview: encoder\ncaption: C\n"),
      "a.md:9:8: unknown model \"adder\"; known models: addition, reverse"),
    Case(
      "trace: input characters the model does not know",
      body: trace("model: reverse\ninput: abxyx\nview: encoder\ncaption: C\n"),
      "a.md:10:8: input \"abxyx\" has the characters \"x\", \"y\" that model reverse does not know; it reads only \"abc\""
    ),
    Case(
      "trace: input too long",
      body: trace("model: reverse\ninput: abcabc\nview: encoder\ncaption: C\n"),
      "a.md:10:8: input \"abcabc\" is 6 characters long; model reverse reads at most 5"),
    Case(
      "trace: target characters the model cannot write",
      body: trace("model: reverse\ninput: abc\ntarget: cbd\nview: decoder\ncaption: C\n"),
      "a.md:11:9: target \"cbd\" has the character \"d\" that model reverse cannot write; it writes only \"abc\""
    ),
    Case(
      "trace: caption missing", body: trace("model: reverse\ninput: abc\nview: encoder\n"),
      "a.md:8:1: the `trace` block is missing `caption` (the figure's caption and alt text; every figure needs one)"
    ),
    Case(
      "trace: unknown key",
      body: trace("model: reverse\ninput: abc\nview: encoder\ncolor: red\ncaption: C\n"),
      "a.md:12:1: unknown key `color` in the `trace` block; expected one of: model, input, target, view, steps, units, unit, epochs, caption, live"
    ),
    Case(
      "trace: misspelt key", body: trace("model: reverse\ninput: abc\nview: encoder\ncaptoin: C\n"),
      "a.md:8:1: the `trace` block is missing `caption` (the figure's caption and alt text; every figure needs one)",
      "a.md:12:1: unknown key `captoin` in the `trace` block; did you mean `caption`?"),
    Case(
      "trace: unknown view", body: trace("model: reverse\ninput: abc\nview: encodr\ncaption: C\n"),
      "a.md:11:7: unknown view `encodr`; one of: cell, encoder, bridge, decoder, comparison, bidirectional, history, forecast, bidirectionalDecoder"
    ),
    Case(
      "trace: comparison without a target",
      body: trace("model: reverse\ninput: abc\nview: comparison\ncaption: C\n"),
      "a.md:11:7: view `comparison` sets teacher forcing beside free running, which needs a `target`"
    ),
    Case(
      "trace: unit the model does not have",
      body: trace("model: reverse\ninput: abc\nview: cell\nunit: 9\ncaption: C\n"),
      "a.md:12:7: unit 9 does not exist; model reverse has 8 units, numbered 0-7"),
    Case(
      "trace: epochs outside a history",
      body: trace("model: reverse\ninput: abc\nview: cell\nepochs: 3\ncaption: C\n"),
      "a.md:12:1: `epochs` only applies to `view: history`"),
    Case(
      "trace: encoder steps past the input",
      body: trace("model: reverse\ninput: abc\nview: encoder\nsteps: [0, 3]\ncaption: C\n"),
      "a.md:12:8: step 3 is past the end of the input \"abc\" (3 characters, steps 0-2)"),
    Case(
      "trace: steps range backwards",
      body: trace("model: reverse\ninput: abc\nview: cell\nsteps: 3-1\ncaption: C\n"),
      "a.md:12:8: the range `3-1` in the `trace` block runs backwards; write `1-3`"),
  ]

  static func quiz(_ lines: String) -> String { "```quiz\n\(lines)```\n" }

  static let blockCases: [Case] = [
    Case(
      "quiz: no answer", body: quiz("question: Q\nchoices: [yes, no]\nwhy: W\n"),
      "a.md:8:1: the `quiz` block is missing `answer` (the right choice: its text, or its number from 0)"
    ),
    Case(
      "quiz: answer not among the choices",
      body: quiz("question: Q\nchoices: [yes, no]\nanswer: maybe\nwhy: W\n"),
      "a.md:11:9: answer `maybe` is not one of the choices: `yes`, `no`"),
    Case(
      "quiz: answer index out of range",
      body: quiz("question: Q\nchoices: [yes, no]\nanswer: 2\nwhy: W\n"),
      "a.md:11:9: answer 2 is not a choice; number the 2 choices from 0 to 1"),
    Case(
      "quiz: fewer than two choices",
      body: quiz("question: Q\nchoices: [yes]\nanswer: yes\nwhy: W\n"),
      "a.md:10:10: a quiz needs at least 2 choices; this one has 1"),
    Case(
      "quiz: unknown key",
      body: quiz("question: Q\nchoices: [yes, no]\nanswer: yes\nwhy: W\nhint: H\n"),
      "a.md:13:1: unknown key `hint` in the `quiz` block; expected one of: question, choices, answer, why"
    ),
    Case(
      "math: outside the subset, pointing into the block",
      body: "```math\nx + \\beta\n  + \\foo\n```\n",
      "a.md:10:5: `\\foo` is not in the supported TeX subset; see “Math” in docs/authoring.md for what is supported"
    ),
    Case(
      "special block inside a list", body: "- item\n\n  ```quiz\n  question: Q\n  ```\n",
      "a.md:10:3: a `quiz` block must be at the top level of the lesson, not inside a list or quote"
    ),
    Case(
      "special block inside notes", body: "````notes\nText\n\n```math\nx\n```\n````\n",
      "a.md:11:1: a `math` block cannot be used in presenter notes"),
  ]

  static let factCases: [Case] = [
    Case(
      "fact: unknown model fact", body: "Has `=addition.weights` weights.\n",
      "a.md:8:16: fact `=addition.weights`: unknown model fact `weights`; one of: parameters, accuracy, epochs, units"
    ),
    Case(
      "fact: unknown model", body: "`=adder.epochs`\n",
      "a.md:8:3: unknown model \"adder\"; known models: addition, reverse"),
    Case(
      "fact: input character unknown", body: "`=trace(reverse, \"abd\").output`\n",
      "a.md:8:18: input \"abd\" has the character \"d\" that model reverse does not know; it reads only \"abc\""
    ),
    Case(
      "fact: encoder step past the input",
      body: "`=trace(reverse, \"ab\").encoder[2].cellState.mean`\n",
      "a.md:8:24: encoder step 2 is past the end of the input \"ab\" (2 characters, steps 0-1)"),
    Case(
      "fact: loss without a target", body: "`=trace(reverse, \"ab\").decoder[0].loss`\n",
      "a.md:8:2: fact `=trace(reverse, \"ab\").decoder[0].loss` needs a target for the loss; write `trace(reverse, \"input\", \"target\")`"
    ),
    Case(
      "fact: unit the model does not have",
      body: "`=trace(reverse, \"ab\").encoder[0].hiddenState.unit[8]`\n",
      "a.md:8:47: unit 8 does not exist; model reverse has 8 units, numbered 0-7"),
    Case(
      "fact: model fact asked of a trace", body: "`=trace(reverse, \"ab\").parameters`\n",
      "a.md:8:24: fact `=trace(reverse, \"ab\").parameters`: `parameters` is a fact about the model, not a trace; write `=reverse.parameters`"
    ),
    Case(
      "fact: trace fact asked of a model", body: "`=addition.output`\n",
      "a.md:8:12: fact `=addition.output`: `output` is a fact about a trace; write `=trace(model, \"input\").output…`"
    ),
    Case(
      "fact: string never closed", body: "`=trace(reverse, \"ab).output`\n",
      "a.md:8:18: fact `=trace(reverse, \"ab).output`: the input is missing its closing `\"`"),
    Case(
      "fact: on an indented continuation line", body: "Text\n   and `=adder.units`\n",
      "a.md:9:10: unknown model \"adder\"; known models: addition, reverse"),
    Case(
      "fact: in a heading", body: "## We have `=addition.units` units\n",
      "a.md:8:13: facts are not allowed in headings; state the fact in the text below"),
    Case(
      "fact: inside notes", body: "```notes\nSay `=adder.units`.\n```\n",
      "a.md:9:7: unknown model \"adder\"; known models: addition, reverse"),
  ]

  static let glossary = ["lessons.yml": "glossary: g.md\n", "g.md": "## Cell state\n\nMemory.\n"]

  static let glossaryCases: [Case] = [
    Case(
      "glossary: unknown term", body: "See [cells](glossary:cell-states).\n", extraFiles: glossary,
      "a.md:8:5: unknown glossary term `cell-states`; did you mean `cell-state`?"),
    Case(
      "glossary: unknown term from link text", body: "See [hidden state](glossary:).\n",
      extraFiles: glossary,
      "a.md:8:5: unknown glossary term `hidden-state`; the glossary defines: cell-state"),
    Case(
      "glossary: unknown term on an indented continuation line",
      body: "Text\n   and [cells](glossary:cell-states).\n", extraFiles: glossary,
      "a.md:9:8: unknown glossary term `cell-states`; did you mean `cell-state`?"),
    Case(
      "glossary: link without a glossary", body: "See [cells](glossary:cell-state).\n",
      "a.md:8:5: link to glossary term `cell-state`, but lessons.yml names no `glossary` file"),
    Case(
      "glossary: duplicate term, empty definition, fact",
      files: [
        "a.md": lesson, "lessons.yml": "glossary: g.md\n",
        "g.md": "## Cell state\n\n## Cell State\n\nAgain `=addition.units`.\n",
      ],
      "g.md:1:1: the term `Cell state` has no definition",
      "g.md:3:1: the term `Cell State` has the same link name `cell-state` as the term at line 1",
      "g.md:5:8: facts are not allowed in the glossary; write them in a lesson"),
  ]

  @Test("reports front matter mistakes where they are", arguments: frontMatterCases)
  func frontMatter(_ example: Case) {
    #expect(Fixtures.problems(example.files) == example.expected)
  }

  @Test("reports mistakes across the lesson set", arguments: lessonSetCases)
  func lessonSet(_ example: Case) { #expect(Fixtures.problems(example.files) == example.expected) }

  @Test("reports trace block mistakes, checked against the model catalog", arguments: traceCases)
  func traceBlocks(_ example: Case) {
    #expect(Fixtures.problems(example.files) == example.expected)
  }

  @Test("reports quiz, math and misplaced block mistakes", arguments: blockCases)
  func otherBlocks(_ example: Case) {
    #expect(Fixtures.problems(example.files) == example.expected)
  }

  @Test("reports malformed and impossible facts at the character", arguments: factCases)
  func facts(_ example: Case) { #expect(Fixtures.problems(example.files) == example.expected) }

  @Test("reports glossary mistakes", arguments: glossaryCases)
  func glossaryLinks(_ example: Case) {
    #expect(Fixtures.problems(example.files) == example.expected)
  }
}
