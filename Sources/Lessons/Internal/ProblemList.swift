/// Collects problems while a lesson set loads, so one run reports all of them.
///
/// A class because every parser of a load appends to the same list.
final class ProblemList {
  private(set) var problems: [LessonProblem] = []

  var isEmpty: Bool { problems.isEmpty }

  /// What is worth saying but does not stop the set: it is built, and these are printed.
  private(set) var warnings: [LessonProblem] = []

  func report(_ message: String, at location: SourceLocation) {
    problems.append(LessonProblem(at: location, message))
  }

  func warn(_ message: String, at location: SourceLocation) {
    warnings.append(LessonProblem(at: location, message))
  }
}
