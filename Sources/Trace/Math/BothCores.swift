// Two pieces of work at once, one on the calling thread and one on another: how training
// uses a second core. The work is always cut in the same two pieces, whatever the machine
// has, so the result does not depend on the number of cores, only the time does: with one
// core, Dispatch runs the two pieces one after the other.

import Dispatch

/// Runs pieces of work side by side.
public enum BothCores {
  /// `work(0)` and `work(1)` (or only `work(0)` when `pieces` is 1), at the same time, and
  /// their results in that order.
  ///
  /// `work` must not change anything the two pieces share: each piece reads the same
  /// inputs and returns its own result.
  public static func run<Result>(_ pieces: Int, _ work: (Int) -> Result) -> [Result] {
    precondition(pieces == 1 || pieces == 2, "work is cut in one or two pieces")
    if pieces == 1 { return [work(0)] }
    var results: [Result?] = [nil, nil]
    results.withUnsafeMutableBufferPointer { slots in
      // Each piece writes only its own slot.
      nonisolated(unsafe) let slots = slots
      withoutActuallyEscaping(work) { work in
        nonisolated(unsafe) let work = work
        DispatchQueue.concurrentPerform(iterations: 2) { piece in slots[piece] = work(piece) }
      }
    }
    return results.map { $0! }
  }
}
