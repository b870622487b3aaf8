// Training allocates and frees the same few hundred kilobytes at every batch (the caches of
// a forward pass, the gradients, the flat parameter vector). glibc's malloc hands memory
// back to the kernel as soon as more than 128 KiB is free at the top of the heap, so each
// batch faults the same pages in again and clears them: 14% of `unrolled train --task
// addition` went to page faults and brk, all of it system time. Keeping freed memory for
// reuse costs nothing but resident memory the process already needed at its peak.

import Foundation

/// How much freed memory the process keeps for reuse instead of returning it to the kernel.
public enum FreedMemoryRetention {
  /// Asks glibc's malloc to keep up to 256 MiB of freed heap and to serve blocks up to
  /// 32 MiB (its maximum) from the heap rather than from fresh mappings. Elsewhere (another
  /// C library, macOS) it does nothing. ``Trainer`` calls this.
  public static func keepForReuse() {
    #if os(Linux)
      // mallopt is in <malloc.h>, which the Glibc module does not export; look it up.
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
      let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
      let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
      _ = mallopt(trimThreshold, 256 << 20)
      _ = mallopt(mmapThreshold, 32 << 20)
    #endif
  }
}
