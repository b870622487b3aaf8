// Normal samples for weight initialisation, from the seeded generator's uniform bits. Native
// only: it needs the C library's log and cos, which the page's WebAssembly does not train with.

import Foundation

extension SeededGenerator {
  /// A standard normal sample (Box–Muller, in Double for accuracy).
  public mutating func normal() -> Double {
    let u1 = (Double(next() >> 11) + 1) / Double(1 << 53)  // in (0, 1]: log is finite
    let u2 = Double(next() >> 11) / Double(1 << 53)
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }
}
