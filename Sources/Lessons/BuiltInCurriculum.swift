import Foundation

/// The curriculum that ships with unrolled: fourteen lessons and a glossary about the
/// built-in models (`addition` and the others `unrolled models` lists).
///
/// ```swift
/// let set = try LessonSetLoader(catalog: catalog).load(directory: BuiltInCurriculum.directory)
/// set.lessons.first?.title  // "Sequence to sequence"
/// ```
public enum BuiltInCurriculum {
  /// The lessons directory inside the package's resources (`lessons.yml`, `glossary.md`,
  /// `01-….md` … `10-….md`).
  public static var directory: URL {
    if let url = Bundle.module.url(
      forResource: "Curriculum", withExtension: nil, subdirectory: "Resources")
    {
      return url
    }
    // Some Foundation versions find files but not directories by name; the layout is the same.
    return Bundle.module.bundleURL.appendingPathComponent("Resources/Curriculum")
  }
}
