// The `dates` task: a date written in one of `DateFormat`'s human ways → ISO 8601.
//
// Dates are drawn without replacement from 1950-01-01 ... 2049-12-31 (36,525 days), so
// each date is used once: a validation date never appears in training in any format.
// Formats are dealt out in turn, so each appears equally often in both sets.

extension Dataset {
  /// Dates written in 18 human ways, each converted to `"yyyy-mm-dd"`.
  ///
  /// ```
  /// source "Sunday, 22 November 2026"   target "2026-11-22"
  /// source "the 1st of January 2000"    target "2000-01-01"
  /// ```
  static func dates(seed: UInt64) -> Dataset {
    var generator = SeededGenerator.stream(BuiltInTask.dates.randomStream, of: seed)
    let first = datesFirstDay.dayNumber
    let last = datesLastDay.dayNumber
    var dayNumbers = Array(first...last)
    let drawCount = datesTrainingCount + datesValidationCount
    generator.shuffle(&dayNumbers, firstCount: drawCount)
    let formats = DateFormat.allCases
    let examples = dayNumbers.prefix(drawCount).enumerated().map { position, dayNumber in
      let date = CalendarDate(dayNumber: dayNumber)
      let format = formats[position % formats.count]
      return Example(source: format.text(for: date), target: date.iso8601)
    }
    return Dataset(
      name: BuiltInTask.dates.rawValue,
      training: Array(examples.prefix(datesTrainingCount)),
      validation: Array(examples.dropFirst(datesTrainingCount)))
  }
}

extension Dataset {
  /// The earliest date the `dates` task writes.
  static let datesFirstDay = CalendarDate(year: 1950, month: 1, day: 1)
  /// The latest date the `dates` task writes.
  static let datesLastDay = CalendarDate(year: 2049, month: 12, day: 31)
  /// How many training examples `dates` has.
  static let datesTrainingCount = 20_000
  /// How many validation examples `dates` has.
  static let datesValidationCount = 2_000
}
