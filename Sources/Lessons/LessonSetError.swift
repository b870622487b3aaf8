/// Every problem found in a lesson set, reported together so an author fixes them in one pass.
///
/// The problems are sorted by file, line and column. The description is one
/// `file:line:column: message` line per problem; a caller prints it to stderr, exits non-zero
/// and writes nothing.
///
/// ```swift
/// do {
///   let set = try LessonSetLoader(catalog: catalog).load(directory: url)
/// } catch {
///   print(error)
///   // 01-cells.md:2:1: the front matter is missing `minutes` (estimated minutes to read the lesson)
///   // 02-gates.md:14:10: unknown model "adition"; known models: addition, reverse
/// }
/// ```
public struct LessonSetError: Error, Sendable, CustomStringConvertible {
  /// The problems, sorted by file, line, column.
  public var problems: [LessonProblem]

  /// Creates an error from problems in any order; they are sorted.
  ///
  /// ```swift
  /// LessonSetError(problems: [b, a]).problems  // [a, b]
  /// ```
  public init(problems: [LessonProblem]) {
    self.problems = problems.sorted()
  }

  /// One `file:line:column: message` line per problem.
  ///
  /// ```swift
  /// // "a.md:1:1: the lesson is empty\nb.md:2:3: unknown key `foo` in the front matter"
  /// ```
  public var description: String {
    problems.map(\.description).joined(separator: "\n")
  }
}
