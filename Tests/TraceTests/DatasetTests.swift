import Foundation
import Testing

@testable import Trace
@testable import TraceCore

@Suite("Datasets")
struct DatasetTests {
  /// The dataset of `task` for seed 1, made once and shared by the suites that test it.
  static func seedOne(_ task: BuiltInTask) -> Dataset {
    switch task {
    case .addition: Addition.dataset
    case .addition3: ThreeDigitAddition.dataset
    case .dates: Dates.dataset
    case .phrasebook: Phrasebook.dataset
    case .autoencoder: Autoencoder.dataset
    case .commands: Commands.dataset
    case .sines: Dataset.builtIn(.sines, seed: 1)  // 3,300 short series: cheap to make again
    }
  }

  @Test(
    "the same seed gives the same dataset, named after its task", arguments: BuiltInTask.allCases)
  func sameSeedSameDataset(task: BuiltInTask) {
    let dataset = Dataset.builtIn(task, seed: 1)
    #expect(dataset == Self.seedOne(task))
    #expect(dataset.name == task.rawValue)
  }

  @Test("a different seed gives a different dataset", arguments: BuiltInTask.allCases)
  func differentSeedDifferentDataset(task: BuiltInTask) {
    let other = Dataset.builtIn(task, seed: 2)
    #expect(other.training != Self.seedOne(task).training, "the seed must decide the data")
    #expect(other.validation != Self.seedOne(task).validation)
  }

  @Test("the data uses exactly the task's declared alphabet", arguments: BuiltInTask.allCases)
  func alphabetMatchesDeclaration(task: BuiltInTask) {
    for dataset in [Self.seedOne(task), Dataset.builtIn(task, seed: 0)] {
      #expect(String(dataset.alphabet.source) == String(task.alphabet.source))
      #expect(String(dataset.alphabet.target) == String(task.alphabet.target))
    }
  }

  @Test("an alphabet is sorted by code point and has no repeats")
  func alphabetIsSortedWithoutRepeats() {
    let alphabet = Alphabet(of: [
      Example(source: " 2+10", target: "12"), Example(source: "Où ?", target: "Été"),
    ])
    // Code points: space 20, + 2B, digits 30–39, ? 3F, O 4F, t 74, É C9, é E9, ù F9.
    #expect(String(alphabet.source) == " +012?Où")
    #expect(String(alphabet.target) == "12tÉé")
    #expect(String(alphabet.combined) == " +012?OtÉéù")
  }
}

// MARK: - addition

extension DatasetTests {
  @Suite("addition (Brownlee)")
  struct Addition {
    // Made once for the suite: each test only reads it.
    static let dataset = Dataset.builtIn(.addition, seed: 1)
    var dataset: Dataset { Self.dataset }

    @Test("has 1,000 examples split 800 / 200")
    func sizes() {
      #expect(dataset.training.count == 800)
      #expect(dataset.validation.count == 200)
    }

    @Test("pads sources to 5 and targets to 2 characters, right-justified")
    func paddedLengths() {
      for example in dataset.training + dataset.validation {
        #expect(example.source.count == 5, "\(example.source)")
        #expect(example.target.count == 2, "\(example.target)")
        #expect(example.source.first != "+" && example.source.last != " ")
        #expect(example.target.last != " ")
        #expect(example.source.allSatisfy { "0123456789+ ".contains($0) })
      }
    }

    @Test("every target is the sum of two numbers 1...10")
    func targetsAreSums() throws {
      var seenOperands: [Int] = []
      for example in dataset.training + dataset.validation {
        let terms = example.source.split(separator: "+").map {
          Int($0.trimmingCharacters(in: .whitespaces))
        }
        let first = try #require(terms.first ?? nil)
        let second = try #require(terms.last ?? nil)
        #expect((1...10).contains(first) && (1...10).contains(second))
        #expect(Int(example.target.trimmingCharacters(in: .whitespaces)) == first + second)
        seenOperands += [first, second]
      }
      #expect(Array(Set(seenOperands)).sorted() == Array(1...10), "1 and 10 are both included")
    }

    @Test("writes questions as the tutorial does")
    func tutorialLayout() {
      let sources = Set((dataset.training + dataset.validation).map(\.source))
      // 1,000 draws of 100 possible questions: these all turn up.
      for question in [" 2+10", "10+10", "  3+4", " 10+1", "  1+1"] {
        #expect(sources.contains(question), "\(question)")
      }
    }
  }
}

// MARK: - addition3

extension DatasetTests {
  @Suite("addition3")
  struct ThreeDigitAddition {
    // Made once for the suite: each test only reads it.
    static let dataset = Dataset.builtIn(.addition3, seed: 1)
    var dataset: Dataset { Self.dataset }

    /// The two operands of a question, smaller first: `a+b` and `b+a` give the same key.
    static func unorderedOperands(_ example: Example) -> [Int] {
      example.source.split(separator: "+").compactMap { Int($0) }.sorted()
    }

    @Test("has 50,000 training and 5,000 validation examples")
    func sizes() {
      #expect(dataset.training.count == 50_000)
      #expect(dataset.validation.count == 5_000)
    }

    @Test("every target is the sum, written without padding")
    func targetsAreSums() throws {
      for example in dataset.training + dataset.validation {
        let operands = example.source.split(separator: "+").compactMap { Int($0) }
        try #require(operands.count == 2, "\(example.source)")
        #expect(operands.allSatisfy { (0...999).contains($0) })
        #expect(example.source == "\(operands[0])+\(operands[1])", "no spaces or leading zeros")
        #expect(example.target == "\(operands[0] + operands[1])")
        #expect(example.source.count <= 7)
      }
    }

    @Test("no validation pair appears in training, in either order")
    func validationIsHeldOut() {
      let trainingPairs = Set(dataset.training.map(Self.unorderedOperands))
      let leaked = dataset.validation.filter { trainingPairs.contains(Self.unorderedOperands($0)) }
      #expect(leaked.isEmpty, "\(leaked.prefix(5))")
    }

    @Test("no pair appears twice, in either order")
    func pairsAreDistinct() {
      let all = (dataset.training + dataset.validation).map(Self.unorderedOperands)
      #expect(Set(all).count == all.count)
    }

    @Test("writes both the larger and the smaller operand first")
    func bothOrders() {
      let operands = dataset.training.map { $0.source.split(separator: "+").compactMap { Int($0) } }
      #expect(operands.contains { $0[0] < $0[1] })
      #expect(operands.contains { $0[0] > $0[1] })
    }
  }
}

// MARK: - dates

extension DatasetTests {
  @Suite("dates")
  struct Dates {
    // Made once for the suite: each test only reads it.
    static let dataset = Dataset.builtIn(.dates, seed: 1)
    var dataset: Dataset { Self.dataset }

    /// The date an ISO 8601 target names, if it is one.
    static func date(fromISO text: String) -> CalendarDate? {
      let parts = text.split(separator: "-", omittingEmptySubsequences: false)
      guard text.count == 10, parts.count == 3, parts.map(\.count) == [4, 2, 2],
        let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
        (1...12).contains(month), (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
      else { return nil }
      return CalendarDate(year: year, month: month, day: day)
    }

    @Test("has 20,000 training and 2,000 validation examples")
    func sizes() {
      #expect(dataset.training.count == 20_000)
      #expect(dataset.validation.count == 2_000)
    }

    @Test("every target is a valid ISO 8601 date from 1950 to 2049")
    func targetsAreISODates() throws {
      for example in dataset.training + dataset.validation {
        let date = try #require(Self.date(fromISO: example.target), "\(example.target)")
        #expect((1950...2049).contains(date.year))
        #expect(date.iso8601 == example.target)
      }
    }

    @Test("every source is its date in one of the formats, dealt out in turn")
    func sourcesFollowFormats() throws {
      let formats = DateFormat.allCases
      for (position, example) in (dataset.training + dataset.validation).enumerated() {
        let date = try #require(Self.date(fromISO: example.target))
        #expect(example.source == formats[position % formats.count].text(for: date))
      }
    }

    @Test("every format appears in training and in validation")
    func everyFormatAppears() throws {
      for examples in [dataset.training, dataset.validation] {
        var used = Array(repeating: 0, count: DateFormat.allCases.count)
        for example in examples {
          let date = try #require(Self.date(fromISO: example.target))
          let format = DateFormat.allCases.firstIndex { $0.text(for: date) == example.source }
          used[try #require(format)] += 1
        }
        #expect(used.allSatisfy { $0 > 0 }, "\(used)")
      }
    }

    @Test("no validation date appears in training, in any format")
    func validationDatesAreHeldOut() {
      let trainingDates = Set(dataset.training.map(\.target))
      #expect(dataset.validation.allSatisfy { !trainingDates.contains($0.target) })
      #expect(trainingDates.count == dataset.training.count, "each date is used once")
    }

    @Test("no source is longer than 32 characters, whatever the date")
    func sourcesAreShort() {
      // A text's length depends only on the weekday, the month and the day's digits (years
      // all have 4): days 10...16 of every month of seven years give every pairing of
      // weekday and month with a two-digit day.
      var longest = ""
      for year in 2020...2026 {
        for month in 1...12 {
          for day in 10...16 {
            let date = CalendarDate(year: year, month: month, day: day)
            for format in DateFormat.allCases where format.text(for: date).count > longest.count {
              longest = format.text(for: date)
            }
          }
        }
      }
      #expect(longest.count == "Wednesday, September 30, 2026".count, "\(longest)")
      #expect(longest.count <= 32)
    }

    @Test(
      "writes 22 November 2026 in every format",
      arguments: zip(
        DateFormat.allCases,
        [
          "22 November 2026", "22 Nov 2026", "November 22, 2026", "Nov 22, 2026", "Nov 22 2026",
          "22/11/2026", "22/11/2026", "22.11.2026", "22-11-2026", "2026/11/22",
          "Sunday, 22 November 2026", "Sun 22 Nov 2026", "Sunday, November 22, 2026",
          "the 22nd of November 2026", "22nd November 2026", "November 22nd, 2026",
          "22 november 2026", "22 NOV 2026",
        ]))
    func formatsOfOneDate(format: DateFormat, expected: String) {
      #expect(format.text(for: CalendarDate(year: 2026, month: 11, day: 22)) == expected)
    }

    @Test("pads numeric forms and leaves word forms unpadded")
    func padding() {
      let date = CalendarDate(year: 2026, month: 3, day: 5)
      #expect(DateFormat.slashes.text(for: date) == "05/03/2026")
      #expect(DateFormat.slashesUnpadded.text(for: date) == "5/3/2026")
      #expect(DateFormat.dots.text(for: date) == "05.03.2026")
      #expect(DateFormat.yearFirstSlashes.text(for: date) == "2026/03/05")
      #expect(DateFormat.dayMonthYear.text(for: date) == "5 March 2026")
      #expect(DateFormat.shortWeekdayDayShortMonthYear.text(for: date) == "Thu 5 Mar 2026")
    }

    @Test(
      "writes English ordinals",
      arguments: [
        (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
        (13, "13th"), (21, "21st"), (22, "22nd"), (23, "23rd"), (30, "30th"), (31, "31st"),
      ])
    func ordinals(day: Int, expected: String) {
      #expect(DateFormat.ordinal(day) == expected)
    }
  }
}

// MARK: - calendar

extension DatasetTests {
  @Suite("proleptic Gregorian calendar")
  struct Calendar {
    @Test(
      "names the weekday of known dates",
      arguments: [
        (CalendarDate(year: 2026, month: 11, day: 22), Weekday.sunday),
        (CalendarDate(year: 2000, month: 1, day: 1), .saturday),
        (CalendarDate(year: 1970, month: 1, day: 1), .thursday),
        (CalendarDate(year: 1969, month: 12, day: 31), .wednesday),
        (CalendarDate(year: 1950, month: 1, day: 1), .sunday),
        (CalendarDate(year: 2049, month: 12, day: 31), .friday),
        (CalendarDate(year: 2024, month: 2, day: 29), .thursday),
      ])
    func weekdays(date: CalendarDate, weekday: Weekday) {
      #expect(date.weekday == weekday, "\(date.iso8601)")
    }

    @Test(
      "counts days from 1970-01-01",
      arguments: [
        (CalendarDate(year: 1970, month: 1, day: 1), 0),
        (CalendarDate(year: 1969, month: 12, day: 31), -1),
        (CalendarDate(year: 2000, month: 1, day: 1), 10_957),
        (CalendarDate(year: 1950, month: 1, day: 1), -7_305),
        (CalendarDate(year: 2026, month: 11, day: 22), 20_779),
      ])
    func dayNumbers(date: CalendarDate, dayNumber: Int) {
      #expect(date.dayNumber == dayNumber)
      #expect(CalendarDate(dayNumber: dayNumber) == date)
    }

    @Test("walks 1950–2049 one day at a time without skipping or repeating a day")
    func consecutiveDays() {
      var expected = Dataset.datesFirstDay
      for dayNumber in Dataset.datesFirstDay.dayNumber...Dataset.datesLastDay.dayNumber {
        let date = CalendarDate(dayNumber: dayNumber)
        #expect(date == expected)
        #expect(date.dayNumber == dayNumber)
        if expected.day < CalendarDate.daysIn(month: expected.month, year: expected.year) {
          expected.day += 1
        } else if expected.month < 12 {
          expected = CalendarDate(year: expected.year, month: expected.month + 1, day: 1)
        } else {
          expected = CalendarDate(year: expected.year + 1, month: 1, day: 1)
        }
      }
      #expect(expected == CalendarDate(year: 2050, month: 1, day: 1))
    }

    @Test("knows which years are leap years")
    func leapYears() {
      #expect(CalendarDate.isLeapYear(2024) && CalendarDate.isLeapYear(2000))
      #expect(!CalendarDate.isLeapYear(1900) && !CalendarDate.isLeapYear(2026))
    }
  }
}

// MARK: - phrasebook

extension DatasetTests {
  @Suite("phrasebook")
  struct Phrasebook {
    // Made once for the suite: each test only reads it.
    static let dataset = Dataset.builtIn(.phrasebook, seed: 1)
    var dataset: Dataset { Self.dataset }
    var all: [Example] { dataset.training + dataset.validation }

    @Test("is bundled under Resources/Data")
    func bundled() throws {
      let file = try #require(Dataset.phrasebookFile)
      #expect(file.path.hasSuffix("/Resources/Data/phrasebook.tsv"))
    }

    @Test("has at least 300 pairs, 10% held out")
    func sizes() {
      #expect(all.count >= 300)
      #expect(dataset.validation.count == Int((Double(all.count) * 0.1).rounded()))
    }

    @Test("has no sentence twice")
    func noDuplicates() {
      #expect(Set(all.map(\.source)).count == all.count, "an English sentence is repeated")
      #expect(Set(all.map(\.target)).count == all.count, "a French sentence is repeated")
    }

    @Test("keeps sentences short")
    func lengthsAreBounded() {
      #expect(all.allSatisfy { $0.source.count <= 40 && $0.target.count <= 40 })
      let shortSentences = all.filter { (2...7).contains($0.source.split(separator: " ").count) }
      #expect(Double(shortSentences.count) >= 0.9 * Double(all.count), "mostly 2–7 words")
    }

    @Test("ends each French sentence as its English one, with a space before ? and !")
    func punctuation() {
      for example in all {
        #expect(example.source.last == example.target.last, "\(example.source)")
        if let last = example.target.last, "?!".contains(last) {
          #expect(example.target.dropLast().last == " ", "\(example.target)")
        }
      }
    }

    @Test("splits like --data on the same file with the same seed")
    func sameAsDataFile() throws {
      let file = try #require(Dataset.phrasebookFile)
      let fromFile = try Dataset.tabSeparated(
        contentsOfFile: file.path, validationFraction: 0.1, seed: 1)
      #expect(fromFile == dataset)
    }
  }

  @Suite("commands")
  struct Commands {
    static let dataset = Dataset.builtIn(.commands, seed: 1)
    var dataset: Dataset { Self.dataset }
    var all: [Example] { dataset.training + dataset.validation }

    /// The (room, device) pair a command names: the two words after "the".
    static func pair(_ example: Example) -> String {
      let words = example.target.split(separator: " ")
      return "\(words[1]) \(words[2])"
    }

    @Test("writes every command of 280 (room, device) pairs once, 28 pairs held out whole")
    func sizes() {
      #expect(Set(all.map(Self.pair)).count == 280)
      #expect(Set(dataset.validation.map(Self.pair)).count == 28)
      #expect(all.count == 1_640, "8 commands a switchable pair, 4 a lockable one, 2 an openable one")
      #expect(Set(all.map(\.source)).count == all.count, "no command twice")
    }

    @Test("no validation pair appears in training, in any command")
    func heldOutPairs() {
      let trainingPairs = Set(dataset.training.map(Self.pair))
      #expect(dataset.validation.allSatisfy { !trainingPairs.contains(Self.pair($0)) })
    }

    @Test("every room and every device is still seen in training with five partners or more")
    func everyWordIsTrained() {
      let trainingPairs = Set(dataset.training.map(Self.pair))
      for room in Dataset.commandsRooms {
        #expect(trainingPairs.count { $0.hasPrefix(room + " ") } >= 5, "\(room)")
      }
      for device in Dataset.commandsDevices.map(\.name) {
        #expect(trainingPairs.count { $0.hasSuffix(" " + device) } >= 5, "\(device)")
      }
    }

    @Test(
      "replies repeat the thing and say its new state",
      arguments: [
        ("turn on the kitchen light", "the kitchen light is on"),
        ("switch the hall fan off", "the hall fan is off"),
        ("close the bedroom curtains", "the bedroom curtains are closed"),
        ("unlock the garage door", "the garage door is unlocked"),
      ])
    func replies(source: String, target: String) {
      // Each command appears once, with or without "please".
      let matches = all.filter { $0.source.split(separator: " ").filter { $0 != "please" }.joined(separator: " ") == source }
      #expect(matches.map(\.target) == [target])
    }

    @Test("says please before, after, or not at all")
    func politeness() {
      let first = all.filter { $0.source.hasPrefix("please ") }.count
      let last = all.filter { $0.source.hasSuffix(" please") }.count
      let none = all.count - first - last
      #expect([first, last, none].allSatisfy { $0 > all.count / 4 }, "\(first), \(last), \(none)")
    }

    @Test("uses exactly the declared words, at most 6 in and 5 out")
    func lexicon() throws {
      let declared = try #require(BuiltInTask.commands.lexicon)
      for seed: UInt64 in [0, 1] {
        #expect(Lexicon(of: Dataset.builtIn(.commands, seed: seed).training) == declared, "training alone uses every word")
      }
      #expect(all.allSatisfy { $0.source.split(separator: " ").count <= 6 && $0.target.split(separator: " ").count <= 5 })
    }
  }
}
