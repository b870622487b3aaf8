/// The models a lesson set may name, without the Lessons module depending on training code.
///
/// Loading a lesson set checks every `trace` block and every fact against the catalog: the
/// model exists, the input and target use only characters the model knows, the input fits.
/// The real catalog of built-in models lives with the models; tests use a small fake.
///
/// ```swift
/// struct Catalog: LessonModelCatalog {
///   var modelNames: [String] { ["addition"] }
///   func model(named name: String) -> LessonModelInfo? {
///     name == "addition"
///       ? LessonModelInfo(name: "addition", inputAlphabet: Array(" 0123456789+"),
///                         maxInputLength: 7, targetAlphabet: Array(" 0123456789"), units: 16)
///       : nil
///   }
/// }
/// ```
public protocol LessonModelCatalog: Sendable {
  /// Every model name the catalog knows, for error messages that list them.
  var modelNames: [String] { get }
  /// The model called `name` (a built-in name or a checkpoint path), or nil if unknown.
  func model(named name: String) -> LessonModelInfo?
}
