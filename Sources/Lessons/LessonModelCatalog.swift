/// The models a lesson set may name, without loading their weights.
///
/// Loading a lesson set checks every `trace` block and every fact against the catalog: the
/// model exists, the input and target use only tokens the model knows, the input fits, a
/// step exists in the prepared input. The real catalog is ``ModelShelf``; tests use a small
/// fake built from configurations.
///
/// ```swift
/// struct Catalog: LessonModelCatalog {
///   var modelNames: [String] { ["addition"] }
///   func model(named name: String) -> LessonModelInfo? {
///     name == "addition" ? LessonModelInfo(name: "addition", configuration: additionConfiguration) : nil
///   }
/// }
/// ```
public protocol LessonModelCatalog: Sendable {
  /// Every model name the catalog knows, for error messages that list them.
  var modelNames: [String] { get }
  /// The model called `name` (a built-in name or a checkpoint path), or nil if unknown.
  func model(named name: String) -> LessonModelInfo?
  /// Why the model called `name` cannot be had, when the catalog knows better than
  /// "unknown" (a checkpoint path that names no file, a file that cannot be read), or nil.
  ///
  /// ```swift
  /// shelf.problem(loading: "models/nosuch.safetensors")
  /// // "models/nosuch.safetensors: checkpoint file not found"
  /// ```
  func problem(loading name: String) -> String?
}

extension LessonModelCatalog {
  /// A catalog of names only: every name it does not know is unknown.
  public func problem(loading name: String) -> String? { nil }
}
