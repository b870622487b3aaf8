/// Why a dataset could not be made from a tab-separated file.
///
/// Its `description` is what the command line prints: one problem per line, all at once.
/// ```
/// pairs.tsv:3: no tab: expected source<TAB>target
/// pairs.tsv:7:1: blank source: no text before the first tab
/// ```
public enum DatasetError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Some lines are not `source<TAB>target[<TAB>attribution]`: every one of them, in order.
  case malformedLines(fileName: String, problems: [DatasetProblem])
  /// The file has no examples: it is empty or holds only blank lines.
  case noExamples(fileName: String)
  /// The file could not be read; `reason` says why.
  case unreadable(fileName: String, reason: String)
  /// The fraction to hold out for validation is not in `0..<1`.
  case invalidValidationFraction(Double)

  /// The error in words, as the command line prints it.
  public var description: String {
    switch self {
    case .malformedLines(let fileName, let problems):
      problems.map { $0.description(in: fileName) }.joined(separator: "\n")
    case .noExamples(let fileName):
      "\(fileName): no examples: the file is empty; write one source<TAB>target pair per line"
    case .unreadable(let fileName, let reason):
      "\(fileName): cannot read the file: \(reason)"
    case .invalidValidationFraction(let fraction):
      "validation fraction \(fraction) is not in 0..<1; use e.g. 0.1 to hold out 10%"
    }
  }
}
