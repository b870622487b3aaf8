// libFuzzer entry point for the lesson-set loader: any bytes, read as a lesson, a lessons.yml
// and a glossary, must either load or be refused with a list of `file:line:column:` problems,
// one line each, and no more problems than the input has bytes (a bad range is one problem,
// not one per number). A crash, a trap, an AddressSanitizer report or a timeout is a bug.
//
// Build and run with Scripts/fuzz.sh (see docs/authoring.md, "Fuzzing the loader").
//
// The input is cut at its first two U+001E (record separator) characters: before the first
// is `01-lesson.md`, between them `lessons.yml`, after the second `glossary.md`. Missing
// pieces are left out of the set.
//
// With the fuzzer, SwiftPM compiles this file as a library and libFuzzer supplies `main`;
// a plain `swift build` links an executable that does nothing.

import Lessons
import Trace

/// One small model, the shape of the built-in `addition`, for `trace` blocks and facts to name.
private struct FuzzCatalog: LessonModelCatalog {
  static let addition = LessonModelInfo(
    name: "addition",
    configuration: Seq2SeqConfiguration(
      name: "addition", bridge: .repeatVector, encoder: EncoderConfiguration(units: 16),
      decoder: DecoderConfiguration(units: 16), inputVocabulary: Vocabulary(tokens: " 0123456789+".map(String.init)),
      outputVocabulary: Vocabulary(tokens: " 0123456789".map(String.init)), maxInputLength: 7, maxOutputLength: 4,
      inputPadding: Padding(width: 7, side: .left, token: " "), outputPadding: Padding(width: 4, side: .right, token: " ")))

  var modelNames: [String] { ["addition"] }

  func model(named name: String) -> LessonModelInfo? {
    name == "addition" ? Self.addition : nil
  }
}

/// Loads `count` bytes at `start` as a lesson set and checks how it was refused.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLessons(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
  let pieces = text.split(separator: "\u{1E}", maxSplits: 2, omittingEmptySubsequences: false)
  let names = ["01-lesson.md", "lessons.yml", "glossary.md"]
  let files = zip(names, pieces).map { LessonFile(path: $0, text: String($1)) }
  do {
    _ = try LessonSetLoader(catalog: FuzzCatalog()).load(files: files)
  } catch {
    guard !error.problems.isEmpty else { fatalError("a refused set must say why") }
    guard error.problems.count <= count + 8 else {
      fatalError("\(error.problems.count) problems for \(count) bytes")
    }
    for problem in error.problems where problem.description.contains("\n") {
      fatalError("a problem must be one line: \(problem.description.debugDescription)")
    }
  }
  return 0
}
