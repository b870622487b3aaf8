import Markup
import TraceCore

// How numbers from a trace are written on a page: few digits, a real minus sign, and the
// same text every build (no locale), in portable Swift (DecimalText), so the page's
// WebAssembly writes the characters the static build writes.

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
    let decimals = min(6, max(0, digits - 1 - decimalExponent(magnitude)))
    return minus(DecimalText.fixed(number, decimals: decimals))
  }

  /// `value` with a fixed number of decimals and a typographic minus.
  ///
  /// ```
  /// NumberText.fixed(-0.1234, decimals: 2)  // "−0.12"
  /// ```
  public static func fixed(_ value: Float, decimals: Int = 2) -> String {
    minus(DecimalText.fixed(Double(value), decimals: decimals))
  }

  /// A probability as a percentage with one decimal.
  ///
  /// ```
  /// NumberText.percent(0.8234)  // "82.3%"
  /// ```
  public static func percent(_ value: Float) -> String {
    DecimalText.fixed(Double(value) * 100, decimals: 1) + "%"
  }

  /// A coordinate for SVG: at most one decimal, no trailing zeros.
  ///
  /// ```
  /// NumberText.coordinate(12.25)  // "12.3"
  /// ```
  public static func coordinate(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return DecimalText.fixed(rounded, decimals: 1)
  }

  private static func minus(_ text: String) -> String {
    // "-0.00" is still zero: drop the sign rather than show a negative zero.
    if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(text.dropFirst()) }
    return String(text.map { $0 == "-" ? "−" : $0 })
  }

  /// `⌊log₁₀ magnitude⌋`, by comparison with the powers of ten 10⁻¹⁵…10¹⁵ (written as
  /// literals: the nearest doubles to them, where `log10` places its integer steps).
  static func decimalExponent(_ magnitude: Double) -> Int {
    for (index, power) in powersOfTen.enumerated().reversed() where magnitude >= power { return index - 15 }
    return -16
  }

  /// The largest power of ten 10⁻¹⁵…10¹⁵ not above `value`: `10^⌊log₁₀ value⌋`.
  static func powerOfTen(atMost value: Double) -> Double {
    let exponent = min(15, max(-15, decimalExponent(value)))
    return powersOfTen[exponent + 15]
  }

  private static let powersOfTen: [Double] = [
    1e-15, 1e-14, 1e-13, 1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1,
    1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  ]
}
