// Numbers written with a fixed number of decimals, in portable Swift: the same text as the C
// library's `printf("%.*f")` for every finite double, so the native build (which once used
// `String(format:)`) and the page's WebAssembly (which has no C library) write the same
// characters. Exact: the double's binary value is scaled by 10^decimals as a whole number,
// then rounded half to even, as glibc rounds.

/// Fixed-point decimal text of a floating-point value.
public enum DecimalText {
  /// `value` with `decimals` digits after the point, rounded half to even from its exact
  /// binary value; a negative value (and negative zero) keeps its minus sign, as `printf`
  /// does.
  ///
  /// ```
  /// DecimalText.fixed(0.125, decimals: 2)   // "0.12"
  /// DecimalText.fixed(-2.5, decimals: 0)    // "-2"
  /// DecimalText.fixed(1e-9, decimals: 3)    // "0.000"
  /// ```
  public static func fixed(_ value: Double, decimals: Int) -> String {
    let decimals = max(0, decimals)
    if value.isNaN { return value.sign == .minus ? "-nan" : "nan" }
    if value.isInfinite { return value.sign == .minus ? "-inf" : "inf" }
    let magnitude = value.magnitude
    var digits: [UInt8]  // the rounded magnitude × 10^decimals, most significant first
    if magnitude == 0 {
      digits = [0]
    } else {
      // magnitude = significand × 2^exponent, exactly.
      let significand: UInt64
      let exponent: Int
      if magnitude.exponentBitPattern == 0 {
        significand = magnitude.significandBitPattern
        exponent = -1074
      } else {
        significand = (1 << 52) | magnitude.significandBitPattern
        exponent = Int(magnitude.exponentBitPattern) - 1075
      }
      var scaled = WholeNumber(significand)
      for _ in 0..<decimals { scaled.multiply(by: 10) }
      if exponent >= 0 {
        scaled.shiftLeft(by: exponent)
      } else {
        let dropped = -exponent
        let half = scaled.bit(dropped - 1)
        let belowHalf = scaled.anyBit(below: dropped - 1)
        scaled.shiftRight(by: dropped)
        // More than half rounds up; exactly half rounds to the even neighbour.
        if half && (belowHalf || scaled.isOdd) { scaled.addOne() }
      }
      digits = scaled.decimalDigits()
    }
    if digits.count <= decimals { digits = [UInt8](repeating: 0, count: decimals + 1 - digits.count) + digits }
    var text = value.sign == .minus ? "-" : ""
    let whole = digits.count - decimals
    for (index, digit) in digits.enumerated() {
      if index == whole { text += "." }
      text.unicodeScalars.append(Unicode.Scalar(48 + digit))
    }
    return text
  }
}

/// A whole number of any size, little-endian in 32-bit limbs: just what ``DecimalText``
/// needs.
private struct WholeNumber {
  var limbs: [UInt32]

  init(_ value: UInt64) {
    limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
    trim()
  }

  var isOdd: Bool { (limbs.first ?? 0) & 1 == 1 }

  mutating func trim() {
    while let last = limbs.last, last == 0 { limbs.removeLast() }
  }

  mutating func multiply(by factor: UInt32) {
    var carry: UInt64 = 0
    for index in limbs.indices {
      let product = UInt64(limbs[index]) * UInt64(factor) + carry
      limbs[index] = UInt32(truncatingIfNeeded: product)
      carry = product >> 32
    }
    if carry > 0 { limbs.append(UInt32(carry)) }
  }

  mutating func addOne() {
    for index in limbs.indices {
      if limbs[index] == .max {
        limbs[index] = 0
      } else {
        limbs[index] += 1
        return
      }
    }
    limbs.append(1)
  }

  func bit(_ position: Int) -> Bool {
    guard position >= 0 else { return false }
    let limb = position / 32
    return limb < limbs.count && (limbs[limb] >> UInt32(position % 32)) & 1 == 1
  }

  /// Whether any bit below `position` is set.
  func anyBit(below position: Int) -> Bool {
    guard position > 0 else { return false }
    let whole = min(position / 32, limbs.count)
    for index in 0..<whole where limbs[index] != 0 { return true }
    guard whole < limbs.count, position % 32 != 0 else { return false }
    return limbs[whole] & ((1 << UInt32(position % 32)) - 1) != 0
  }

  mutating func shiftLeft(by count: Int) {
    let words = count / 32, bits = UInt32(count % 32)
    if bits > 0 {
      var carry: UInt32 = 0
      for index in limbs.indices {
        let value = limbs[index]
        limbs[index] = (value << bits) | carry
        carry = value >> (32 - bits)
      }
      if carry > 0 { limbs.append(carry) }
    }
    limbs.insert(contentsOf: [UInt32](repeating: 0, count: words), at: 0)
  }

  mutating func shiftRight(by count: Int) {
    let words = count / 32, bits = UInt32(count % 32)
    guard words < limbs.count else {
      limbs = []
      return
    }
    limbs.removeFirst(words)
    if bits > 0 {
      for index in limbs.indices {
        let next = index + 1 < limbs.count ? limbs[index + 1] : 0
        limbs[index] = (limbs[index] >> bits) | (next << (32 - bits))
      }
    }
    trim()
  }

  /// The decimal digits, most significant first; `[0]` for zero.
  func decimalDigits() -> [UInt8] {
    var number = self
    number.trim()
    if number.limbs.isEmpty { return [0] }
    var reversed: [UInt8] = []
    while !number.limbs.isEmpty {
      // Divide by 10^9 and write the remainder's nine digits.
      var remainder: UInt64 = 0
      for index in number.limbs.indices.reversed() {
        let current = (remainder << 32) | UInt64(number.limbs[index])
        number.limbs[index] = UInt32(current / 1_000_000_000)
        remainder = current % 1_000_000_000
      }
      number.trim()
      for _ in 0..<9 {
        reversed.append(UInt8(remainder % 10))
        remainder /= 10
        if number.limbs.isEmpty && remainder == 0 { break }
      }
    }
    return reversed.reversed()
  }
}
