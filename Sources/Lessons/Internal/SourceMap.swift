import Yams

/// Maps a position in a piece of text handed to a parser (the body given to cmark, the YAML
/// of a fenced block) back to its place in the lesson file.
struct SourceMap {
  /// The file the text came from, relative to the lessons directory.
  var file: String
  /// The lines of the text exactly as the parser saw them.
  var lines: [Substring]
  /// Added to a line of the text to get the line in the file.
  var lineOffset: Int
  /// Added to a column of the text to get the column in the file (a fence's indentation).
  var columnOffset: Int

  init(file: String, text: String, lineOffset: Int = 0, columnOffset: Int = 0) {
    self.file = file
    self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    self.lineOffset = lineOffset
    self.columnOffset = columnOffset
  }

  /// The file location of a 1-based line and a 1-based column counted in Unicode scalars.
  func location(line: Int, column: Int) -> SourceLocation {
    SourceLocation(file: file, line: line + lineOffset, column: column + columnOffset)
  }

  /// The file location of a 1-based line and a 1-based column counted in UTF-8 bytes, as
  /// cmark reports them.
  func location(line: Int, byteColumn: Int) -> SourceLocation {
    location(line: line, column: scalarColumn(line: line, byteColumn: byteColumn))
  }

  /// The file location of a Yams mark (1-based, columns in Unicode scalars).
  func location(of mark: Mark?) -> SourceLocation {
    guard let mark else { return location(line: 1, column: 1) }
    return location(line: mark.line, column: mark.column)
  }

  /// Converts a cmark byte column on `line` to a scalar column.
  func scalarColumn(line: Int, byteColumn: Int) -> Int {
    guard line >= 1, line <= lines.count, byteColumn > 1 else { return max(byteColumn, 1) }
    let utf8 = lines[line - 1].utf8
    let end =
      utf8.index(utf8.startIndex, offsetBy: byteColumn - 1, limitedBy: utf8.endIndex)
      ?? utf8.endIndex
    return Substring(utf8[utf8.startIndex..<end]).unicodeScalars.count + 1
  }

  /// Finds where `literal` really starts on `line`, searching from the byte column cmark
  /// reported. cmark 0.30 drops the leading spaces of paragraph continuation lines when it
  /// counts inline columns, so its column can be short; the text itself is the truth.
  func byteColumn(of literal: String, line: Int, near byteColumn: Int) -> Int {
    guard line >= 1, line <= lines.count, !literal.isEmpty else { return byteColumn }
    let bytes = Array(lines[line - 1].utf8)
    let needle = Array(literal.utf8)
    var start = max(byteColumn - 1, 0)
    while start + needle.count <= bytes.count {
      if Array(bytes[start..<start + needle.count]) == needle { return start + 1 }
      start += 1
    }
    return byteColumn
  }
}
