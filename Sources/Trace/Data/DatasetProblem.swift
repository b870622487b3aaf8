/// One malformed line of a tab-separated data file.
///
/// ```
/// DatasetProblem(line: 3, column: nil, kind: .missingTab).description(in: "pairs.tsv")
/// // pairs.tsv:3: no tab: expected source<TAB>target
/// ```
public struct DatasetProblem: Hashable, Sendable {
  /// What is wrong with a line.
  public enum Kind: Hashable, Sendable {
    /// The line has text but no tab to separate the source from the target.
    case missingTab
    /// Nothing but whitespace before the first tab.
    case blankSource
    /// Nothing but whitespace after the first tab (and before a second one).
    case blankTarget
    /// Nothing but tabs and whitespace on the line.
    case blankSourceAndTarget
    /// More than 3 tab-separated columns; `count` is how many.
    case tooManyColumns(count: Int)
    /// A byte that is not part of valid UTF-8 text.
    case invalidUTF8(byte: UInt8)
  }

  /// The line number, counting from 1.
  public var line: Int
  /// Where on the line, in characters counting from 1 (a tab counts as one), when one place
  /// is to blame; `nil` when the whole line is.
  public var column: Int?
  /// What is wrong.
  public var kind: Kind

  /// A problem with `kind` at `line` and, if given, `column`.
  public init(line: Int, column: Int?, kind: Kind) {
    self.line = line
    self.column = column
    self.kind = kind
  }

  /// What is wrong, in words, and what the line should look like.
  public var message: String {
    switch kind {
    case .missingTab:
      "no tab: expected source<TAB>target"
    case .blankSource:
      "blank source: no text before the first tab"
    case .blankTarget:
      "blank target: no text after the first tab"
    case .blankSourceAndTarget:
      "blank source and target: the line has only tabs and spaces"
    case .tooManyColumns(let count):
      "\(count) columns: expected 2 (source, target) or 3 (source, target, attribution)"
    case .invalidUTF8(let byte):
      "not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true))): save the file as UTF-8"
    }
  }

  /// The problem as a compiler would report it: `FILE:LINE: message`, or
  /// `FILE:LINE:COLUMN: message` when a column is known.
  public func description(in fileName: String) -> String {
    let place = column.map { "\(fileName):\(line):\($0)" } ?? "\(fileName):\(line)"
    return "\(place): \(message)"
  }
}
