// Reading examples from a tab-separated file laid out like the `fra.txt` of the Keras
// `lstm_seq2seq` example: one example a line, `source<TAB>target<TAB>attribution`, the
// attribution column optional and ignored.
//
// Goals in order: report every malformed line at once, with its number, so a user fixes
// the file in one pass; accept what editors commonly write (a trailing newline, CRLF line
// endings, a UTF-8 byte order mark, blank lines); keep texts exactly as written.

import Foundation

extension Dataset {
  /// A dataset read from tab-separated text: `source<TAB>target` or
  /// `source<TAB>target<TAB>attribution` on each line.
  ///
  /// A seeded random `validationFraction` of the examples (rounded to the nearest whole
  /// number) is held out for validation; each set keeps the file's order. Blank lines are
  /// skipped; `\n` and `\r\n` line endings are both accepted.
  ///
  /// ```
  /// let text = "Hello.\tBonjour.\nThank you.\tMerci.\n"
  /// let dataset = try Dataset.tabSeparated(text, fileName: "greetings.tsv",
  ///                                        validationFraction: 0.5, seed: 1)
  /// // dataset.name == "greetings"; one example in training, one in validation
  /// ```
  ///
  /// - Parameters:
  ///   - text: the file's contents.
  ///   - fileName: the name to report problems against and to name the dataset after
  ///     (without folders and extension).
  ///   - validationFraction: the share of examples to hold out, in `0..<1`.
  ///   - seed: decides which examples are held out.
  /// - Throws: `DatasetError.malformedLines` listing every malformed line,
  ///   `.noExamples` if there is no example at all, `.invalidValidationFraction`.
  public static func tabSeparated(
    _ text: String, fileName: String, validationFraction: Double, seed: UInt64
  ) throws(DatasetError) -> Dataset {
    try tabSeparated(
      bytes: Array(text.utf8), fileName: fileName, validationFraction: validationFraction,
      seed: seed)
  }

  /// A dataset read from the bytes of a tab-separated UTF-8 file; lines that are not valid
  /// UTF-8 are reported with the rest. See `tabSeparated(_:fileName:validationFraction:seed:)`.
  public static func tabSeparated(
    bytes: [UInt8], fileName: String, validationFraction: Double, seed: UInt64
  ) throws(DatasetError) -> Dataset {
    guard (0..<1).contains(validationFraction) else {
      throw .invalidValidationFraction(validationFraction)
    }
    let examples = try readExamples(fromTabSeparated: bytes, fileName: fileName)
    var generator = SeededGenerator.stream(tabSeparatedRandomStream, of: seed)
    let (training, validation) = split(
      examples, validationFraction: validationFraction, generator: &generator)
    return Dataset(name: datasetName(forFile: fileName), training: training, validation: validation)
  }

  /// A dataset read from the tab-separated UTF-8 file at `path`, which problems are reported
  /// against as given. See `tabSeparated(_:fileName:validationFraction:seed:)`.
  ///
  /// - Throws: `DatasetError.unreadable` if the file cannot be read, and the errors of
  ///   `tabSeparated(_:fileName:validationFraction:seed:)`.
  public static func tabSeparated(
    contentsOfFile path: String, validationFraction: Double, seed: UInt64
  ) throws(DatasetError) -> Dataset {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .unreadable(fileName: path, reason: "no such file")
    }
    guard !isDirectory.boolValue else {
      throw .unreadable(fileName: path, reason: "it is a folder, not a file")
    }
    let contents: Data
    do {
      contents = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(fileName: path, reason: error.localizedDescription)
    }
    return try tabSeparated(
      bytes: Array(contents), fileName: path, validationFraction: validationFraction, seed: seed)
  }

  /// The random stream that splits tab-separated files, the bundled phrasebook included, so
  /// `--data phrasebook.tsv` and the built-in `phrasebook` split alike for the same seed.
  static let tabSeparatedRandomStream: UInt64 = 4
}

private extension Dataset {
  /// What one line of the file turned out to be.
  enum LineReading {
    case blank
    case example(Example)
    case problem(column: Int?, kind: DatasetProblem.Kind)
  }

  static let newline: UInt8 = 0x0A
  static let carriageReturn: UInt8 = 0x0D
  static let tab: UInt8 = 0x09
  static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// Every example of the file, or an error listing every malformed line.
  static func readExamples(
    fromTabSeparated bytes: [UInt8], fileName: String
  ) throws(DatasetError) -> [Example] {
    var contents = bytes[...]
    if contents.starts(with: byteOrderMark) { contents = contents.dropFirst(byteOrderMark.count) }
    var examples: [Example] = []
    var problems: [DatasetProblem] = []
    let lines = contents.split(separator: newline, omittingEmptySubsequences: false)
    for (offset, rawLine) in lines.enumerated() {
      let line = rawLine.last == carriageReturn ? rawLine.dropLast() : rawLine
      switch read(line: line) {
      case .blank: continue
      case .example(let example): examples.append(example)
      case .problem(let column, let kind):
        problems.append(DatasetProblem(line: offset + 1, column: column, kind: kind))
      }
    }
    guard problems.isEmpty else { throw .malformedLines(fileName: fileName, problems: problems) }
    guard !examples.isEmpty else { throw .noExamples(fileName: fileName) }
    return examples
  }

  /// One line, without its line ending.
  static func read(line: ArraySlice<UInt8>) -> LineReading {
    if let invalid = firstInvalidUTF8Offset(in: line) {
      let validPrefix = line.prefix(invalid)
      return .problem(
        column: characterCount(validPrefix) + 1,
        kind: .invalidUTF8(byte: line[line.startIndex + invalid]))
    }
    // Splitting valid UTF-8 at an ASCII byte leaves valid UTF-8 on both sides.
    let columns = line.split(separator: tab, omittingEmptySubsequences: false)
    let texts = columns.map { String(decoding: $0, as: UTF8.self) }
    switch texts.count {
    case 1:
      return isBlank(texts[0]) ? .blank : .problem(column: nil, kind: .missingTab)
    case 2, 3:
      let (source, target) = (texts[0], texts[1])
      switch (isBlank(source), isBlank(target)) {
      case (true, true): return .problem(column: 1, kind: .blankSourceAndTarget)
      case (true, false): return .problem(column: 1, kind: .blankSource)
      case (false, true): return .problem(column: source.count + 2, kind: .blankTarget)
      case (false, false): return .example(Example(source: source, target: target))
      }
    default:
      // Point at the tab that starts the fourth column.
      let extraTab = columns[3].startIndex - 1
      return .problem(
        column: characterCount(line[..<extraTab]) + 1,
        kind: .tooManyColumns(count: texts.count))
    }
  }

  /// The offset of the first byte that is not part of valid UTF-8, or `nil` if all are.
  static func firstInvalidUTF8Offset(in bytes: ArraySlice<UInt8>) -> Int? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let scalar): offset += scalar.count
      case .emptyInput: return nil
      case .error: return offset
      }
    }
  }

  static func characterCount(_ validUTF8: ArraySlice<UInt8>) -> Int {
    String(decoding: validUTF8, as: UTF8.self).count
  }

  static func isBlank(_ text: String) -> Bool {
    text.allSatisfy(\.isWhitespace)
  }

  /// `"data/pairs.tsv"` → `"pairs"`.
  static func datasetName(forFile fileName: String) -> String {
    let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
    guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
    return String(base[..<dot])
  }
}
