/// The largest lesson set the loader reads: anything bigger is refused with a
/// `file:line:column:` problem instead of slowing every build (docs/authoring.md, "Limits").
///
/// Every limit is far above what a real lesson needs (the built-in lessons are under 12 KB,
/// nest formulas three deep and list fewer than 30 steps), and each one bounds the work of a
/// stage that would otherwise grow without end on hostile input.
///
/// ```swift
/// LessonLimits.fileBytes     // 1_000_000: a lesson, lessons.yml or the glossary
/// LessonLimits.mathNesting   // 32: `x^{a_{b}}` nests two deep
/// ```
public enum LessonLimits {
  /// The most bytes in one file of the set: a lesson, `lessons.yml` or the glossary.
  public static let fileBytes = 1_000_000
  /// The most characters in a lesson's title or the set's title, which every page repeats
  /// in its navigation.
  public static let titleCharacters = 200
  /// The most `trace`, `quiz`, `notes` and `math` blocks in one lesson.
  public static let specialBlocks = 500
  /// How deep braced groups may nest in a `math` block (a `\frac`'s arguments are groups
  /// too); the formula parser recurses once per group.
  public static let mathNesting = 32
  /// Steps, units and epochs a `trace` block lists are numbered below this, whatever the
  /// model; the model's own sizes are checked too.
  public static let listedNumber = 10_000
}
