// Dates in the proleptic Gregorian calendar, counted as days from 1970-01-01, so the
// `dates` task can name the weekday of any date without Foundation's Calendar (whose
// answers depend on the machine's locale and time zone).
//
// The conversions are Howard Hinnant's `days_from_civil` and `civil_from_days`
// ("chrono-Compatible Low-Level Date Algorithms", 2013): exact for every year, using
// 400-year eras of 146,097 days.

/// A day of the week, in the order ISO 8601 counts them (Monday first).
enum Weekday: Int, CaseIterable, Sendable {
  case monday = 1
  case tuesday, wednesday, thursday, friday, saturday, sunday

  /// The English name, capitalised: `"Sunday"`.
  var name: String {
    switch self {
    case .monday: "Monday"
    case .tuesday: "Tuesday"
    case .wednesday: "Wednesday"
    case .thursday: "Thursday"
    case .friday: "Friday"
    case .saturday: "Saturday"
    case .sunday: "Sunday"
    }
  }

  /// The first three letters of the name: `"Sun"`.
  var shortName: String { String(name.prefix(3)) }
}

/// A date (year, month, day) in the proleptic Gregorian calendar.
struct CalendarDate: Hashable, Comparable, Sendable {
  /// The year, e.g. `2026`.
  var year: Int
  /// The month, `1...12`.
  var month: Int
  /// The day of the month, `1...31`.
  var day: Int

  /// The date with these parts; they must name a real day (`2026, 2, 30` does not).
  init(year: Int, month: Int, day: Int) {
    precondition((1...12).contains(month), "month \(month) is not 1...12")
    precondition(
      (1...CalendarDate.daysIn(month: month, year: year)).contains(day),
      "\(year)-\(month) has no day \(day)")
    self.year = year
    self.month = month
    self.day = day
  }

  /// The date `dayNumber` days after 1970-01-01 (before it when negative).
  init(dayNumber: Int) {
    let shifted = dayNumber + 719_468  // days from 0000-03-01 to 1970-01-01
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097  // 0...146096
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // from March 1
    let shiftedMonth = (5 * dayOfYear + 2) / 153  // 0 = March ... 11 = February
    day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  }

  /// How many days this date is after 1970-01-01 (negative before it).
  var dayNumber: Int {
    // Count years from March, so the leap day is the last day of the counted year.
    let marchYear = month <= 2 ? year - 1 : year
    let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
    let yearOfEra = marchYear - era * 400  // 0...399
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The day of the week this date falls on.
  var weekday: Weekday {
    // 1970-01-01 was a Thursday (ISO number 4).
    let mondayBased = ((dayNumber + 3) % 7 + 7) % 7  // 0 = Monday
    return Weekday(rawValue: mondayBased + 1)!
  }

  /// The date in ISO 8601 form, `"2026-11-22"`.
  var iso8601: String {
    "\(CalendarDate.padded(year, width: 4))-\(CalendarDate.padded(month, width: 2))-\(CalendarDate.padded(day, width: 2))"
  }

  /// Whether `year` has a 29 February: every fourth year, except centuries not divisible by 400.
  static func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  /// The number of days in `month` of `year`.
  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Earlier dates come first.
  static func < (left: CalendarDate, right: CalendarDate) -> Bool {
    (left.year, left.month, left.day) < (right.year, right.month, right.day)
  }

  /// `value` in decimal, with leading zeros up to `width` digits.
  static func padded(_ value: Int, width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
