/// Collects problems while a lesson set loads, so one run reports all of them.
///
/// A class because every parser of a load appends to the same list.
final class ProblemList {
  private(set) var problems: [LessonProblem] = []

  var isEmpty: Bool { problems.isEmpty }

  func report(_ message: String, at location: SourceLocation) {
    problems.append(LessonProblem(at: location, message))
  }
}
