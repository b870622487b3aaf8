import Lessons

/// Two small models standing in for the built-in catalog.
struct FakeCatalog: LessonModelCatalog {
  static let addition = LessonModelInfo(
    name: "addition", inputAlphabet: Array(" 0123456789+"), maxInputLength: 7,
    targetAlphabet: Array(" 0123456789"), units: 16)
  static let reverse = LessonModelInfo(
    name: "reverse", inputAlphabet: Array("abc"), maxInputLength: 5, targetAlphabet: Array("abc"),
    units: 8)

  var modelNames: [String] { ["reverse", "addition"] }

  func model(named name: String) -> LessonModelInfo? {
    [Self.addition, Self.reverse].first { $0.name == name }
  }
}
