// The ways the `dates` task writes a date for the encoder to read.
//
// Numeric forms are day first (22/11/2026), as in most of the world; the month-first form
// (11/22/2026) is left out because "05/03/2026" would then have two right answers.
// Two-digit years are left out for the same reason. Words are English.

/// One way of writing a date, shown here for Sunday 22 November 2026 (and 5 March 2026
/// where padding shows).
enum DateFormat: CaseIterable, Sendable {
  /// `"22 November 2026"`, `"5 March 2026"`
  case dayMonthYear
  /// `"22 Nov 2026"`
  case dayShortMonthYear
  /// `"November 22, 2026"`
  case monthDayCommaYear
  /// `"Nov 22, 2026"`
  case shortMonthDayCommaYear
  /// `"Nov 22 2026"`
  case shortMonthDayYear
  /// `"22/11/2026"`, `"05/03/2026"`
  case slashes
  /// `"22/11/2026"`, `"5/3/2026"`
  case slashesUnpadded
  /// `"22.11.2026"`, `"05.03.2026"`
  case dots
  /// `"22-11-2026"`, `"05-03-2026"`
  case dashes
  /// `"2026/11/22"`, `"2026/03/05"`
  case yearFirstSlashes
  /// `"Sunday, 22 November 2026"`
  case weekdayDayMonthYear
  /// `"Sun 22 Nov 2026"`
  case shortWeekdayDayShortMonthYear
  /// `"Sunday, November 22, 2026"`
  case weekdayMonthDayCommaYear
  /// `"the 22nd of November 2026"`
  case ordinalOfMonthYear
  /// `"22nd November 2026"`
  case ordinalDayMonthYear
  /// `"November 22nd, 2026"`
  case monthOrdinalDayCommaYear
  /// `"22 november 2026"`
  case lowercaseDayMonthYear
  /// `"22 NOV 2026"`
  case uppercaseDayShortMonthYear

  /// `date` written this way.
  func text(for date: CalendarDate) -> String {
    let day = "\(date.day)"
    let year = CalendarDate.padded(date.year, width: 4)
    let twoDigitDay = CalendarDate.padded(date.day, width: 2)
    let twoDigitMonth = CalendarDate.padded(date.month, width: 2)
    let month = DateFormat.monthNames[date.month - 1]
    let shortMonth = String(month.prefix(3))
    let ordinalDay = DateFormat.ordinal(date.day)
    switch self {
    case .dayMonthYear: return "\(day) \(month) \(year)"
    case .dayShortMonthYear: return "\(day) \(shortMonth) \(year)"
    case .monthDayCommaYear: return "\(month) \(day), \(year)"
    case .shortMonthDayCommaYear: return "\(shortMonth) \(day), \(year)"
    case .shortMonthDayYear: return "\(shortMonth) \(day) \(year)"
    case .slashes: return "\(twoDigitDay)/\(twoDigitMonth)/\(year)"
    case .slashesUnpadded: return "\(day)/\(date.month)/\(year)"
    case .dots: return "\(twoDigitDay).\(twoDigitMonth).\(year)"
    case .dashes: return "\(twoDigitDay)-\(twoDigitMonth)-\(year)"
    case .yearFirstSlashes: return "\(year)/\(twoDigitMonth)/\(twoDigitDay)"
    case .weekdayDayMonthYear: return "\(date.weekday.name), \(day) \(month) \(year)"
    case .shortWeekdayDayShortMonthYear:
      return "\(date.weekday.shortName) \(day) \(shortMonth) \(year)"
    case .weekdayMonthDayCommaYear: return "\(date.weekday.name), \(month) \(day), \(year)"
    case .ordinalOfMonthYear: return "the \(ordinalDay) of \(month) \(year)"
    case .ordinalDayMonthYear: return "\(ordinalDay) \(month) \(year)"
    case .monthOrdinalDayCommaYear: return "\(month) \(ordinalDay), \(year)"
    case .lowercaseDayMonthYear: return "\(day) \(month.lowercased()) \(year)"
    case .uppercaseDayShortMonthYear: return "\(day) \(shortMonth.uppercased()) \(year)"
    }
  }
}

extension DateFormat {
  /// The English month names, January first.
  static let monthNames = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
  ]

  /// `day` as an English ordinal: `"1st"`, `"2nd"`, `"3rd"`, `"4th"`, `"11th"`, `"22nd"`.
  static func ordinal(_ day: Int) -> String {
    // 11, 12 and 13 take "th" although they end in 1, 2 and 3.
    let suffix =
      switch (day % 100 / 10 == 1, day % 10) {
      case (false, 1): "st"
      case (false, 2): "nd"
      case (false, 3): "rd"
      default: "th"
      }
    return "\(day)\(suffix)"
  }
}
