// How numbers from a trace are written on a page: few digits, a real minus sign, and the
// same text every build (no locale).

import Foundation

/// Number formatting for figures.
public enum NumberText {
  /// `value` with three significant digits and a typographic minus, without exponent.
  ///
  /// ```
  /// NumberText.significant(0.91234)   // "0.912"
  /// NumberText.significant(-0.001234) // "−0.00123"
  /// NumberText.significant(12.345)    // "12.3"
  /// ```
  public static func significant(_ value: Float, digits: Int = 3) -> String {
    let number = Double(value)
    guard number.isFinite else { return number.isNaN ? "NaN" : (number > 0 ? "∞" : "−∞") }
    let magnitude = abs(number)
    if magnitude < 0.000_05 { return "0" }
    let exponent = Int(floor(log10(magnitude)))
    let decimals = min(6, max(0, digits - 1 - exponent))
    return minus(String(format: "%.\(decimals)f", number))
  }

  /// `value` with a fixed number of decimals and a typographic minus.
  ///
  /// ```
  /// NumberText.fixed(-0.1234, decimals: 2)  // "−0.12"
  /// ```
  public static func fixed(_ value: Float, decimals: Int = 2) -> String {
    minus(String(format: "%.\(decimals)f", Double(value)))
  }

  /// A probability as a percentage with one decimal.
  ///
  /// ```
  /// NumberText.percent(0.8234)  // "82.3%"
  /// ```
  public static func percent(_ value: Float) -> String {
    String(format: "%.1f%%", Double(value) * 100)
  }

  /// A coordinate for SVG: at most one decimal, no trailing zeros.
  ///
  /// ```
  /// NumberText.coordinate(12.25)  // "12.3"
  /// ```
  public static func coordinate(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return String(format: "%.1f", rounded)
  }

  private static func minus(_ text: String) -> String {
    // "-0.00" is still zero: drop the sign rather than show a negative zero.
    if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(text.dropFirst()) }
    return text.replacingOccurrences(of: "-", with: "−")
  }
}
