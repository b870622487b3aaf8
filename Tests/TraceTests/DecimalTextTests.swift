import Foundation
import Testing

@testable import TraceCore

@Suite("Decimal text in portable Swift")
struct DecimalTextTests {
  @Test("writes what printf's %.Nf writes, for ties, tiny, huge and negative values")
  func fixedMatchesPrintf() {
    var generator = SeededGenerator(seed: 7)
    var values: [Double] = [
      0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1e-9, -1e-9, 1e22, 3.4028234663852886e38, 5e-324, 0.05, 0.15, 0.25, 999.9995,
    ]
    for _ in 0..<2_000 {
      let bits = generator.next()
      let value = Double(bitPattern: bits)
      if value.isFinite && abs(value) < 1e30 { values.append(value) }
      values.append(
        Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))).isFinite
          ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))) : 1)
      values.append(Double(generator.uniform(-3, 3)))
    }
    for value in values {
      for decimals in [0, 1, 2, 3, 6] {
        #expect(DecimalText.fixed(value, decimals: decimals) == String(format: "%.\(decimals)f", value), "\(value)")
      }
    }
  }

  @Test("reads a decimal to the Float that Float(String) reads")
  func floatMatchesSwift() {
    var generator = SeededGenerator(seed: 11)
    var texts = [
      "0", "-0", "+1", "0.1", "1e-45", "7e-46", "1.401298464324817e-45", "3.4028235e38", "3.4028236e38", "1e39",
      "0.000000000000000000000000000000000000011754943", "16777217", "16777219", "33554431", ".5", "5.", "1e+2",
      "0.30000001192092896", "2.5e-3", "123456789012345678901234567890",
    ]
    for _ in 0..<3_000 {
      let mantissa = generator.next() % 10_000_000_000
      let exponent = Int(generator.next() % 90) - 50
      texts.append("\(mantissa)e\(exponent)")
      texts.append("\(generator.uniform(-10, 10))")
      let float = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()))
      if float.isFinite { texts.append("\(float)") }
    }
    for text in texts {
      let expected = Float(text)
      let read = DecimalText.float(Substring(text))
      #expect(read?.bitPattern == expected?.bitPattern, "\(text)")
    }
    for bad in ["", "-", "1,5", "e3", "1e", "0x10", " 1", "1 "] {
      #expect(DecimalText.float(Substring(bad)) == nil, "\(bad)")
    }
  }
}
