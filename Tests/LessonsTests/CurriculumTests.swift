import Foundation
import Lessons
import Testing
import Trace

/// The five built-in models as the lessons may use them, described from their training
/// recipes (the trained checkpoints are not needed to check lessons). Where encoder and decoder
/// differ in size, `units` is the smaller, so a unit a lesson names exists in every layer.
struct BuiltInModelsCatalog: LessonModelCatalog {
  static let models: [LessonModelInfo] = BuiltInModel.allCases.map { model in
    LessonModelInfo(name: model.rawValue, configuration: model.recipe().configuration)
  }

  var modelNames: [String] { Self.models.map(\.name) }

  func model(named name: String) -> LessonModelInfo? {
    Self.models.first { $0.name == name }
  }
}

/// One `unrolled trace --model NAME "INPUT" [--target "OUTPUT"]` line of a lesson.
struct TraceCommand: Equatable {
  var model: String
  var input: String
  var target: String?

  /// The commands in `text`, one per line that starts with `unrolled trace --model`.
  static func all(in text: String) -> [TraceCommand] {
    text.split(separator: "\n").compactMap { line in
      let words = shellWords(line.trimmingCharacters(in: .whitespaces))
      guard words.count >= 5, words[0] == "unrolled", words[1] == "trace", words[2] == "--model"
      else { return nil }
      var command = TraceCommand(model: words[3], input: words[4], target: nil)
      if words.count >= 7, words[5] == "--target" { command.target = words[6] }
      return command
    }
  }

  /// Splits a line as a shell would for words in double quotes (no escapes needed here).
  static func shellWords(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quoted = false
    var started = false
    for character in line {
      if character == "\"" {
        quoted.toggle()
        started = true
      } else if character == " " && !quoted {
        if started { words.append(current) }
        current = ""
        started = false
      } else {
        current.append(character)
        started = true
      }
    }
    if started { words.append(current) }
    return words
  }
}

@Suite("The built-in curriculum")
struct CurriculumTests {
  static let glossaryTerms = [
    "input-gate", "forget-gate", "output-gate", "cell-candidate", "cell-state", "hidden-state",
    "encoder", "decoder", "bridge", "state-bridge", "repeat-bridge", "repeatvector",
    "teacher-forcing", "free-running-decoding", "greedy-decoding", "exposure-bias",
    "start-token", "end-token", "merge-mode", "bidirectional-encoder", "one-hot-encoding",
    "softmax", "cross-entropy-loss", "backpropagation-through-time", "epoch",
    "scheduled-sampling", "conditioned-decoder", "unconditioned-decoder",
  ]

  static func load() throws(LessonSetError) -> LessonSet {
    try LessonSetLoader(catalog: BuiltInModelsCatalog()).load(
      directory: BuiltInCurriculum.directory)
  }

  static func text(of lesson: Lesson) throws -> String {
    try String(
      contentsOf: BuiltInCurriculum.directory.appendingPathComponent(lesson.fileName),
      encoding: .utf8)
  }

  @Test("describes the built-in models the lessons are written for")
  func catalog() throws {
    let catalog = BuiltInModelsCatalog()
    #expect(
      catalog.modelNames == [
        "addition", "addition3", "addition3-reversed", "dates", "phrasebook", "autoencoder", "autoencoder-conditioned",
        "commands", "sines", "dates-bidirectional-decoder",
      ])
    let sines = try #require(catalog.model(named: "sines"))
    #expect(sines.readsNumbers && sines.encoderStepCount(of: Array(repeating: "0.5", count: 24).joined(separator: ",")) == 24)
    let addition = try #require(catalog.model(named: "addition"))
    #expect(addition.encoderStepCount(of: "2+10") == 5, "lessons use right-justified 5-character sums")
    #expect(addition.units == 50, "75 encoder units, 50 decoder units")
    let phrasebook = try #require(catalog.model(named: "phrasebook"))
    #expect(phrasebook.configuration.inputVocabulary.tokens.compactMap(\.first) == BuiltInTask.phrasebook.alphabet.source)
  }

  @Test("the configuration the lessons state in words matches the recipes")
  func configurationClaims() {
    // Lessons 2 and 4: LSTM(75) → RepeatVector(2) → LSTM(50) → Dense(12) over 12 characters.
    let addition = BuiltInModel.addition.recipe().configuration
    #expect(addition.bridge == .repeatVector)
    #expect(addition.encoder.units == 75 && addition.decoder.units == 50)
    #expect(addition.inputVocabulary.count == 12 && addition.outputVocabulary.count == 12)
    #expect(addition.maxOutputLength == 2)
    // Lessons 3 and 6: eleven input characters; five decoder steps at most.
    let addition3 = BuiltInModel.addition3.recipe().configuration
    #expect(addition3.inputVocabulary.count == 11)
    #expect(addition3.maxOutputLength == 5)
    #expect(BuiltInModel.addition3Reversed.recipe().configuration.reverseInput)
    // Lesson 7: two LSTMs of 64 units, concatenated into a decoder of 128.
    let dates = BuiltInModel.dates.recipe().configuration
    #expect(dates.encoder.bidirectional && dates.encoder.mergeMode == .concat)
    #expect(dates.encoder.units == 64 && dates.decoder.units == 128)
    // Lesson 11: words through embeddings of 16 numbers on both sides, a state bridge.
    let commands = BuiltInModel.commands.recipe().configuration
    #expect(commands.bridge == .states && commands.inputVocabulary.unit == .word)
    #expect(commands.encoder.embeddingSize == 16 && commands.decoder.embeddingSize == 16)
  }

  @Test("what the lessons say about the data stays true of the recipes' data")
  func dataClaims() {
    func split(_ model: BuiltInModel, _ source: String) -> String {
      let dataset = model.recipe().dataset
      if dataset.training.contains(where: { $0.source == source }) { return "training" }
      if dataset.validation.contains(where: { $0.source == source }) { return "validation" }
      return "neither"
    }
    // Lesson 10: a phrasebook pair the model trained on, and sentences it never saw.
    #expect(split(.phrasebook, "Where is the station?") == "training")
    #expect(split(.phrasebook, "I am cold.") == "training")
    #expect(split(.phrasebook, "Where is the cat?") == "neither")
    #expect(split(.phrasebook, "My brother likes apples.") == "neither")
    // Lesson 12: the autoencoders' example strings are held out or unseen, never trained on.
    #expect(split(.autoencoder, "beach") != "training")
    #expect(split(.autoencoder, "faded") != "training")
    // Lessons 5 and 6: the addition3 probes are not training sums.
    #expect(split(.addition3, "123+45") == "neither")
    #expect(split(.addition3, "999+1") == "neither")
    // Lesson 7: the example date was shown once in training, in another format.
    let dates = BuiltInModel.dates.recipe().dataset
    #expect(dates.training.filter { $0.target == "2026-11-22" }.map(\.source) == ["22 November 2026"])
    #expect(!dates.validation.contains { $0.target == "2026-11-22" })
    // Lesson 11: 20 rooms, 14 devices, 28 of the 280 pairs held out; the kitchen light was
    // trained, the attic light and the porch curtains never.
    let commands = BuiltInModel.commands.recipe().dataset
    let things = (commands.training + commands.validation).map { $0.target.split(separator: " ") }
    #expect(Set(things.map { $0[1] }).count == 20 && Set(things.map { $0[2] }).count == 14)
    func mentions(_ examples: [Example], _ thing: String) -> Bool { examples.contains { $0.target.hasPrefix("the \(thing) ") } }
    #expect(Set(commands.validation.map { $0.target.split(separator: " ").prefix(3).joined(separator: " ") }).count == 28)
    #expect(mentions(commands.training, "kitchen light"))
    #expect(!mentions(commands.training, "attic light") && mentions(commands.validation, "attic light"))
    #expect(!mentions(commands.training, "porch curtains") && mentions(commands.validation, "porch curtains"))
    #expect(BuiltInModel.commands.probes.map(\.input) == ["turn on the attic light please"])
  }

  @Test("is in the Lessons module's resources")
  func directoryExists() {
    let path = BuiltInCurriculum.directory.appendingPathComponent("lessons.yml").path
    #expect(FileManager.default.fileExists(atPath: path), "Bundle.module must copy the lessons")
  }

  @Test("loads without a single problem against the five built-in models")
  func loads() {
    do {
      _ = try Self.load()
    } catch {
      Issue.record("the curriculum has problems:\n\(error.description)")
    }
  }

  @Test("has fourteen lessons, ordered 1 to 14 with their files, titled unrolled")
  func lessonOrder() throws {
    let set = try Self.load()
    #expect(set.title == "unrolled")
    #expect(set.lessons.map(\.order) == Array(1...14))
    #expect(
      set.lessons.map { Int($0.fileName.prefix(2)) } == Array(1...14),
      "each file's number is its order, so the files list in reading order")
  }

  @Test("every lesson has objectives, a trace, a quiz and presenter notes")
  func lessonParts() throws {
    for lesson in try Self.load().lessons {
      #expect(!lesson.objectives.isEmpty, "\(lesson.fileName) has no objectives")
      let traces = lesson.blocks.filter { if case .trace = $0 { true } else { false } }
      let quizzes = lesson.blocks.filter { if case .quiz = $0 { true } else { false } }
      let notes = lesson.blocks.filter { if case .notes = $0 { true } else { false } }
      #expect(!traces.isEmpty, "\(lesson.fileName) shows no trace")
      #expect(!quizzes.isEmpty, "\(lesson.fileName) asks no question")
      #expect(!notes.isEmpty, "\(lesson.fileName) has no presenter notes")
      #expect(!lesson.glossaryTerms.isEmpty, "\(lesson.fileName) links no glossary term")
      // libcmark is plain CommonMark: a pipe table would be printed as a paragraph of pipes.
      for case .prose(let html) in lesson.blocks {
        #expect(!html.contains("<p>|"), "\(lesson.fileName) has a table CommonMark cannot render")
      }
    }
  }

  @Test("every lesson ends with Try it yourself and a command the model can run")
  func tryItYourself() throws {
    let catalog = BuiltInModelsCatalog()
    for lesson in try Self.load().lessons {
      #expect(
        lesson.headings.contains { $0.text == "Try it yourself" },
        "\(lesson.fileName) has no Try it yourself heading")
      let text = try Self.text(of: lesson)
      let section = try #require(
        text.range(of: "## Try it yourself").map { String(text[$0.upperBound...]) },
        "\(lesson.fileName) has no Try it yourself section")
      let commands = TraceCommand.all(in: section)
      #expect(!commands.isEmpty, "\(lesson.fileName) gives no unrolled trace --model command")
      for command in commands {
        let model = try #require(
          catalog.model(named: command.model), "\(lesson.fileName): unknown model \(command.model)")
        // The model's own rule: what `unrolled trace` would accept, by words, numbers or characters.
        #expect(
          throws: Never.self, "\(lesson.fileName): \(command.model) cannot read \"\(command.input)\" → \(command.target ?? "")"
        ) {
          try model.configuration.prepare(input: command.input, target: command.target)
        }
      }
    }
  }

  @Test("a quiz answer written as a bare number is the choice at that index")
  func quizAnswersByIndex() throws {
    // `answer: 1` means the choice whose text is "1" if there is one, else choice 1; a
    // lesson that meant the index but has a numeric choice would silently mark another answer.
    for lesson in try Self.load().lessons {
      let text = try Self.text(of: lesson)
      let written = text.split(separator: "\n").compactMap { line -> Int?? in
        guard line.hasPrefix("answer: ") else { return nil }
        return .some(Int(line.dropFirst("answer: ".count)))
      }
      let quizzes = lesson.blocks.compactMap { block -> Quiz? in
        if case .quiz(let quiz) = block { quiz } else { nil }
      }
      #expect(written.count == quizzes.count, "\(lesson.fileName): one answer line per quiz")
      for (index, quiz) in zip(written, quizzes) {
        if let index {
          #expect(
            quiz.answerIndex == index,
            "\(lesson.fileName): \"\(quiz.question)\" answers choice \(quiz.answerIndex), not \(index)")
        }
      }
    }
  }

  @Test("smart quotes pair up: every opening quote is closed before the next opens")
  func quotesPairUp() throws {
    // Smart punctuation decides by the neighbouring characters: `(" 7")` or `"abc "` yields a
    // quote facing the wrong way. Code is never changed, so write such strings as code.
    let set = try Self.load()
    var texts: [(String, String)] = []
    for lesson in set.lessons {
      for block in lesson.blocks {
        switch block {
        case .prose(let html), .notes(let html): texts.append((lesson.fileName, html))
        default: break
        }
      }
    }
    texts += (set.glossary?.entries ?? []).map { ("glossary.md", $0.html) }
    for (file, html) in texts {
      let quotes = html.filter { $0 == "\u{201C}" || $0 == "\u{201D}" }
      let expected = String(repeating: "\u{201C}\u{201D}", count: quotes.count / 2)
      #expect(quotes == expected, "\(file): unbalanced quotes in \(html.prefix(120))")
    }
  }

  @Test("the glossary defines every term the lessons rely on")
  func glossary() throws {
    let glossary = try #require(try Self.load().glossary)
    let slugs = Set(glossary.entries.map(\.slug))
    for term in Self.glossaryTerms {
      #expect(slugs.contains(term), "the glossary lacks \(term)")
    }
  }

  @Test("a command line splits into words as the shell would")
  func shellWords() {
    #expect(
      TraceCommand.all(in: "unrolled trace --model addition \" 2+10\" --target \"12\"")
        == [TraceCommand(model: "addition", input: " 2+10", target: "12")])
  }
}

@Suite("Facts about built-in models")
struct BuiltInModelFactTests {
  @Test("a model name may contain a hyphen, as addition3-reversed does")
  func hyphenatedModel() throws {
    let lesson = """
      ---
      title: Reversal
      order: 1
      summary: Short.
      objectives: [Compare]
      minutes: 5
      ---

      Reversed: `=addition3-reversed.accuracy.exactMatch`, read from
      `=trace(addition3-reversed, "123+45").encoder[0].hiddenState.mean`.
      """
    let set = try LessonSetLoader(catalog: BuiltInModelsCatalog()).load(files: [
      LessonFile(path: "a.md", text: lesson)
    ])
    let facts = try #require(set.lessons.first).facts
    #expect(facts.map(\.model) == ["addition3-reversed", "addition3-reversed"])
    #expect(facts.first?.path == .accuracy(.exactMatch))
  }
}
