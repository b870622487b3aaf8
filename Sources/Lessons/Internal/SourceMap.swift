import Yams

/// Maps a position in a piece of text handed to a parser (the body given to cmark, the YAML
/// of a fenced block) back to its place in the lesson file.
///
/// Every lookup costs at most the length of what it looks for, never the length of the line:
/// a line with 30,000 facts on it is read once, not once per fact.
struct SourceMap {
  /// The file the text came from, relative to the lessons directory.
  var file: String
  /// Added to a line of the text to get the line in the file.
  var lineOffset: Int
  /// Added to a column of the text to get the column in the file (a fence's indentation).
  var columnOffset: Int
  /// The text's UTF-8 bytes, exactly as the parser saw them.
  private let bytes: [UInt8]
  /// Where each line starts in `bytes`, and one more entry: where the text ends.
  private let lineStarts: [Int]
  /// For each line, the byte offsets (from the line's start) of the bytes that continue a
  /// multi-byte scalar, in order: empty for an ASCII line.
  private let continuationBytes: [[Int]]

  init(file: String, text: String, lineOffset: Int = 0, columnOffset: Int = 0) {
    self.file = file
    self.lineOffset = lineOffset
    self.columnOffset = columnOffset
    let bytes = Array(text.utf8)
    var lineStarts = [0]
    var continuationBytes: [[Int]] = [[]]
    for (offset, byte) in bytes.enumerated() {
      if byte == UInt8(ascii: "\n") {
        lineStarts.append(offset + 1)
        continuationBytes.append([])
      } else if byte & 0b1100_0000 == 0b1000_0000 {
        continuationBytes[continuationBytes.count - 1].append(offset - lineStarts[lineStarts.count - 1])
      }
    }
    lineStarts.append(bytes.count + 1)
    self.bytes = bytes
    self.lineStarts = lineStarts
    self.continuationBytes = continuationBytes
  }

  /// The number of lines in the text.
  private var lineCount: Int { lineStarts.count - 1 }

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

  /// Converts a cmark byte column on `line` to a scalar column: the byte column less the
  /// continuation bytes before it (found by binary search).
  func scalarColumn(line: Int, byteColumn: Int) -> Int {
    guard line >= 1, line <= lineCount, byteColumn > 1 else { return max(byteColumn, 1) }
    let lineLength = lineStarts[line] - 1 - lineStarts[line - 1]
    let offset = min(byteColumn - 1, lineLength)
    let continuations = continuationBytes[line - 1]
    var low = 0
    var high = continuations.count
    while low < high {
      let middle = (low + high) / 2
      if continuations[middle] < offset { low = middle + 1 } else { high = middle }
    }
    return offset - low + 1
  }

  /// Finds where `literal` really starts on `line`, searching from the byte column cmark
  /// reported. cmark 0.30 drops the leading spaces of paragraph continuation lines when it
  /// counts inline columns, so its column can be short; the text itself is the truth.
  func byteColumn(of literal: String, line: Int, near byteColumn: Int) -> Int {
    guard line >= 1, line <= lineCount, !literal.isEmpty else { return byteColumn }
    let lineStart = lineStarts[line - 1]
    let lineEnd = lineStarts[line] - 1
    let needle = Array(literal.utf8)
    var start = lineStart + max(byteColumn - 1, 0)
    while start + needle.count <= lineEnd {
      if bytes[start..<start + needle.count].elementsEqual(needle) { return start - lineStart + 1 }
      start += 1
    }
    return byteColumn
  }

  /// The text of a 1-based `line`, without its line break; empty past the end.
  func text(ofLine line: Int) -> String {
    guard line >= 1, line <= lineCount else { return "" }
    return String(decoding: bytes[lineStarts[line - 1]..<lineStarts[line] - 1], as: UTF8.self)
  }
}
