// A small seeded random number generator: every random choice in unrolled goes
// through it, so the same seed gives the same weights, shuffles and samples.
//
// SplitMix64 (Steele, Lea and Flood 2014), as in swift-argument-parser's `roll` example.

/// A deterministic 64-bit generator seeded by one integer.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator whose sequence is fixed by `seed`.
  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform float in `[low, high)`.
  public mutating func uniform(_ low: Float, _ high: Float) -> Float {
    // 24 random bits: every float in [0, 1) that Float can space evenly.
    let unit = Float(next() >> 40) / Float(1 << 24)
    return low + (high - low) * unit
  }

  /// A uniform integer in `0..<upperBound`.
  public mutating func index(below upperBound: Int) -> Int {
    Int(next(upperBound: UInt64(upperBound)))
  }

  /// A generator for an independent stream, derived from this one's seed and `stream`.
  public static func stream(_ stream: UInt64, of seed: UInt64) -> SeededGenerator {
    var mixer = SeededGenerator(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
    return SeededGenerator(seed: mixer.next())
  }
}
