import Testing

@testable import Trace
@testable import TraceCore

extension DatasetTests {
  /// A malformed line, the problem it must raise, and where.
  struct MalformedLine: CustomTestStringConvertible, Sendable {
    var bytes: [UInt8]
    var kind: DatasetProblem.Kind
    var column: Int?
    var testDescription: String { String(decoding: bytes, as: UTF8.self).debugDescription }

    init(_ text: String, _ kind: DatasetProblem.Kind, column: Int?) {
      self.init(bytes: Array(text.utf8), kind, column: column)
    }

    init(bytes: [UInt8], _ kind: DatasetProblem.Kind, column: Int?) {
      self.bytes = bytes
      self.kind = kind
      self.column = column
    }
  }

  @Suite("tab-separated files")
  struct TabSeparated {
    static func read(
      _ text: String, validationFraction: Double = 0, seed: UInt64 = 1
    ) throws(DatasetError) -> Dataset {
      try Dataset.tabSeparated(
        text, fileName: "pairs.tsv", validationFraction: validationFraction, seed: seed)
    }

    @Test("reads two and three columns, ignoring the third and keeping spaces")
    func columns() throws {
      let dataset = try Self.read("Hello.\tBonjour.\n 2+3\t 5\tunrolled project, CC0 1.0\n")
      #expect(
        dataset.training == [
          Example(source: "Hello.", target: "Bonjour."), Example(source: " 2+3", target: " 5"),
        ])
      #expect(dataset.validation.isEmpty)
    }

    @Test("accepts CRLF line endings")
    func crlf() throws {
      let dataset = try Self.read("Hi.\tSalut.\r\nYes.\tOui.\tCC0\r\n")
      #expect(
        dataset.training == [
          Example(source: "Hi.", target: "Salut."), Example(source: "Yes.", target: "Oui."),
        ])
    }

    @Test("skips blank lines, a byte order mark and a missing final newline")
    func lenientLayout() throws {
      let dataset = try Self.read("\u{FEFF}\nHi.\tSalut.\n\n   \nYes.\tOui.")
      #expect(dataset.training.map(\.source) == ["Hi.", "Yes."])
    }

    @Test(
      "reports a malformed line with its number",
      arguments: [
        MalformedLine("no tab here", .missingTab, column: nil),
        MalformedLine("\tBonjour.", .blankSource, column: 1),
        MalformedLine("  \tBonjour.", .blankSource, column: 1),
        MalformedLine("Hello.\t", .blankTarget, column: 8),
        MalformedLine("Hello.\t \tCC0", .blankTarget, column: 8),
        MalformedLine("\t", .blankSourceAndTarget, column: 1),
        MalformedLine("\t\t", .blankSourceAndTarget, column: 1),
        MalformedLine("a\tb\tc\td", .tooManyColumns(count: 4), column: 6),
        MalformedLine("Été\tSummer\tCC0\t\t", .tooManyColumns(count: 5), column: 15),
        MalformedLine(
          bytes: Array("Caf".utf8) + [0xFF] + Array("\tCafé".utf8), .invalidUTF8(byte: 0xFF),
          column: 4),
        MalformedLine(bytes: Array("é\t".utf8) + [0xC3], .invalidUTF8(byte: 0xC3), column: 3),
      ])
    func malformedLine(line: MalformedLine) throws {
      let bytes = Array("Hi.\tSalut.\n".utf8) + line.bytes + Array("\nYes.\tOui.\n".utf8)
      let error = #expect(throws: DatasetError.self) {
        try Dataset.tabSeparated(
          bytes: bytes, fileName: "pairs.tsv", validationFraction: 0, seed: 1)
      }
      let problem = DatasetProblem(line: 2, column: line.column, kind: line.kind)
      #expect(error == .malformedLines(fileName: "pairs.tsv", problems: [problem]))
    }

    @Test("reports every malformed line at once, as FILE:LINE: message")
    func everyProblemAtOnce() {
      let text = "Hi.\tSalut.\nno tab\n\nYes.\tOui.\n\tNon.\r\nOK\t\n"
      let error = #expect(throws: DatasetError.self) { try Self.read(text) }
      #expect(
        error?.description == """
          pairs.tsv:2: no tab: expected source<TAB>target
          pairs.tsv:5:1: blank source: no text before the first tab
          pairs.tsv:6:4: blank target: no text after the first tab
          """)
    }

    @Test("refuses a file without examples", arguments: ["", "\n", "\n  \r\n\n"])
    func noExamples(text: String) {
      #expect(throws: DatasetError.noExamples(fileName: "pairs.tsv")) { try Self.read(text) }
    }

    @Test("refuses a validation fraction outside 0..<1", arguments: [-0.1, 1, 1.5])
    func invalidFraction(fraction: Double) {
      #expect(throws: DatasetError.invalidValidationFraction(fraction)) {
        try Self.read("Hi.\tSalut.\n", validationFraction: fraction)
      }
    }

    @Test("holds out a seeded fraction, keeping the file's order in each set")
    func split() throws {
      let text = (1...10).map { "\($0)\tx\($0)" }.joined(separator: "\n")
      let dataset = try Self.read(text, validationFraction: 0.2, seed: 1)
      #expect(dataset.training.count == 8)
      #expect(dataset.validation.count == 2)
      let numbers = { (examples: [Example]) in examples.compactMap { Int($0.source) } }
      #expect(numbers(dataset.training) == numbers(dataset.training).sorted())
      #expect(numbers(dataset.validation) == numbers(dataset.validation).sorted())
      #expect(Set(numbers(dataset.training + dataset.validation)) == Set(1...10))
      #expect(try Self.read(text, validationFraction: 0.2, seed: 1) == dataset)
      #expect(try Self.read(text, validationFraction: 0.2, seed: 2) != dataset)
    }

    @Test("never holds out the only example")
    func trainingIsNeverEmpty() throws {
      let dataset = try Self.read("Hi.\tSalut.\n", validationFraction: 0.9)
      #expect(dataset.training.count == 1)
      #expect(dataset.validation.isEmpty)
    }

    @Test(
      "names the dataset after the file",
      arguments: [
        ("data/pairs.tsv", "pairs"), ("fra.txt", "fra"), ("notes", "notes"), (".hidden", ".hidden"),
      ])
    func name(fileName: String, expected: String) throws {
      let dataset = try Dataset.tabSeparated(
        "Hi.\tSalut.", fileName: fileName, validationFraction: 0, seed: 1)
      #expect(dataset.name == expected)
    }

    @Test("reports a missing file as unreadable")
    func missingFile() {
      let missing = "no/such/file.tsv"
      #expect(throws: DatasetError.unreadable(fileName: missing, reason: "no such file")) {
        try Dataset.tabSeparated(contentsOfFile: missing, validationFraction: 0, seed: 1)
      }
    }
  }
}
