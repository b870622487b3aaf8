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

extension DecimalText {
  /// The `Float` nearest to a decimal number written as `[+-]digits[.digits][e[+-]digits]`
  /// (rounded half to even, as Swift's `Float(String)` rounds), or `nil` for anything else.
  /// Portable Swift, so the page reads a series as `unrolled` does.
  ///
  /// ```
  /// DecimalText.float("0.1")    // 0.1
  /// DecimalText.float("-2e-3")  // -0.002
  /// DecimalText.float("1,5")    // nil
  /// ```
  public static func float(_ text: Substring) -> Float? {
    var bytes = Array(text.utf8)[...]
    var negative = false
    if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
      negative = first == UInt8(ascii: "-")
      bytes = bytes.dropFirst()
    }
    func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    var digits: [UInt8] = []
    var exponent = 0
    var sawDigit = false
    while let byte = bytes.first, isDigit(byte) {
      sawDigit = true
      if !(digits.isEmpty && byte == 48) { digits.append(byte - 48) }
      bytes = bytes.dropFirst()
    }
    if bytes.first == UInt8(ascii: ".") {
      bytes = bytes.dropFirst()
      while let byte = bytes.first, isDigit(byte) {
        sawDigit = true
        if !(digits.isEmpty && byte == 48) { digits.append(byte - 48) }
        exponent -= 1
        bytes = bytes.dropFirst()
      }
    }
    guard sawDigit else { return nil }
    if let marker = bytes.first, marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
      bytes = bytes.dropFirst()
      var exponentNegative = false
      if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
        exponentNegative = sign == UInt8(ascii: "-")
        bytes = bytes.dropFirst()
      }
      guard let first = bytes.first, isDigit(first) else { return nil }
      var written = 0
      while let byte = bytes.first, isDigit(byte) {
        written = min(written * 10 + Int(byte - 48), 1_000_000)
        bytes = bytes.dropFirst()
      }
      exponent += exponentNegative ? -written : written
    }
    guard bytes.isEmpty else { return nil }
    let sign: FloatingPointSign = negative ? .minus : .plus
    guard !digits.isEmpty else { return Float(sign: sign, exponent: 0, significand: 0) }
    // Far outside Float's range (3.4e38 down to 1.4e-45): infinity or zero.
    if digits.count + exponent > 40 { return negative ? -.infinity : .infinity }
    if digits.count + exponent < -46 { return Float(sign: sign, exponent: 0, significand: 0) }
    // The value is numerator / denominator exactly.
    var numerator = WholeNumber(0)
    for digit in digits {
      numerator.multiply(by: 10)
      numerator.add(UInt32(digit))
    }
    var denominator = WholeNumber(1)
    if exponent >= 0 {
      for _ in 0..<exponent { numerator.multiply(by: 10) }
    } else {
      for _ in 0..<(-exponent) { denominator.multiply(by: 10) }
    }
    // quotient = ⌊numerator · 2^shift / denominator⌋ with 26 bits: 24 for the significand,
    // one to round by and one spare; the remainder says whether anything lies below.
    var shift = 25 - (numerator.bitLength - denominator.bitLength)
    var quotient: UInt64 = 0
    var remainderIsZero = true
    while true {
      var scaledNumerator = numerator, scaledDenominator = denominator
      if shift >= 0 { scaledNumerator.shiftLeft(by: shift) } else { scaledDenominator.shiftLeft(by: -shift) }
      (quotient, remainderIsZero) = scaledNumerator.divided(by: scaledDenominator, quotientBits: 27)
      if quotient >= 1 << 26 {
        shift -= 1
      } else if quotient < 1 << 25 {
        shift += 1
      } else {
        break
      }
    }
    // value = quotient · 2^-shift; its leading bit is 2^(25 - shift).
    let leadingExponent = 25 - shift
    // Bits of the quotient that do not fit the significand: 2 for a normal float, more for
    // a subnormal one (below 2^-126 the significand has fewer bits).
    var dropped = 2
    if leadingExponent < -126 { dropped += -126 - leadingExponent }
    if dropped > 27 { return Float(sign: sign, exponent: 0, significand: 0) }
    var significand = quotient >> UInt64(dropped)
    let rest = quotient & ((1 << UInt64(dropped)) - 1)
    let half: UInt64 = 1 << UInt64(dropped - 1)
    if rest > half || (rest == half && (!remainderIsZero || significand & 1 == 1)) { significand += 1 }
    let scale = dropped - shift  // value ≈ significand · 2^scale
    let magnitude = Float(sign: .plus, exponent: scale, significand: Float(significand))
    return negative ? -magnitude : magnitude
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

  var bitLength: Int {
    guard let last = limbs.last else { return 0 }
    return (limbs.count - 1) * 32 + (32 - last.leadingZeroBitCount)
  }

  mutating func add(_ value: UInt32) {
    var carry = UInt64(value)
    for index in limbs.indices where carry > 0 {
      let sum = UInt64(limbs[index]) + carry
      limbs[index] = UInt32(truncatingIfNeeded: sum)
      carry = sum >> 32
    }
    if carry > 0 { limbs.append(UInt32(carry)) }
  }

  /// Whether this number is at least `other`.
  func isAtLeast(_ other: WholeNumber) -> Bool {
    if limbs.count != other.limbs.count { return limbs.count > other.limbs.count }
    for index in limbs.indices.reversed() where limbs[index] != other.limbs[index] {
      return limbs[index] > other.limbs[index]
    }
    return true
  }

  /// Subtracts `other`, which is at most this number.
  mutating func subtract(_ other: WholeNumber) {
    var borrow: Int64 = 0
    for index in limbs.indices {
      var difference = Int64(limbs[index]) - borrow - (index < other.limbs.count ? Int64(other.limbs[index]) : 0)
      borrow = 0
      if difference < 0 {
        difference += 1 << 32
        borrow = 1
      }
      limbs[index] = UInt32(difference)
    }
    trim()
  }

  /// `⌊self / divisor⌋` when it is below `2^quotientBits`, by binary long division, and
  /// whether the division was exact.
  func divided(by divisor: WholeNumber, quotientBits: Int) -> (quotient: UInt64, exact: Bool) {
    var remainder = self
    remainder.trim()
    var quotient: UInt64 = 0
    for bit in stride(from: quotientBits, through: 0, by: -1) {
      var part = divisor
      part.shiftLeft(by: bit)
      part.trim()
      if remainder.isAtLeast(part) {
        remainder.subtract(part)
        quotient |= 1 << UInt64(bit)
      }
    }
    remainder.trim()
    return (quotient, remainder.limbs.isEmpty)
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
