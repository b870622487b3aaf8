/// A place in a lesson-set file, for error messages.
///
/// Lines and columns start at 1; columns count Unicode scalars, the way editors count
/// characters. `file` is relative to the lessons directory, so messages never hold an
/// absolute path.
///
/// ```swift
/// SourceLocation(file: "01-cells.md", line: 4, column: 7).description
/// // "01-cells.md:4:7"
/// ```
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The file, relative to the lessons directory.
  public var file: String
  /// The line, from 1.
  public var line: Int
  /// The column, from 1, in Unicode scalars.
  public var column: Int

  /// Creates a location.
  ///
  /// ```swift
  /// SourceLocation(file: "lessons.yml", line: 1, column: 1)  // lessons.yml:1:1
  /// ```
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:column`.
  ///
  /// ```swift
  /// SourceLocation(file: "a.md", line: 2, column: 3).description  // "a.md:2:3"
  /// ```
  public var description: String { "\(file):\(line):\(column)" }

  /// Orders by file, then line, then column.
  ///
  /// ```swift
  /// SourceLocation(file: "a.md", line: 9, column: 1) < SourceLocation(file: "b.md", line: 1, column: 1)  // true
  /// ```
  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
  }
}
