/// Why a formula is outside the TeX subset `TeXMath` understands, and where.
///
/// `line` and `column` are 1-based and count Unicode scalars inside the formula's source.
///
/// ```swift
/// do { _ = try TeXMath.mathML(for: "a / b") } catch {
///   error.line     // 1
///   error.column   // 3
///   error.message  // "`/` is not in the supported TeX subset; …"
/// }
/// ```
public struct TeXMathError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The line inside the formula, from 1.
  public var line: Int
  /// The column inside the formula, from 1.
  public var column: Int
  /// What is wrong and what to write instead.
  public var message: String

  /// Creates an error at a place in the formula.
  ///
  /// ```swift
  /// TeXMathError(line: 1, column: 3, message: "unmatched `}`")
  /// ```
  public init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }

  /// `line:column: message`.
  ///
  /// ```swift
  /// TeXMathError(line: 1, column: 3, message: "unmatched `}`").description  // "1:3: unmatched `}`"
  /// ```
  public var description: String { "\(line):\(column): \(message)" }
}
