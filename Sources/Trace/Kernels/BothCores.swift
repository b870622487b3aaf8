// Two pieces of work at once, one on the calling thread and one on a helper thread: how
// training uses a second core. The work is always cut in the same two pieces, whatever the
// machine has, so the result does not depend on the number of cores, only the time does.
//
// Why not Dispatch: a training batch of the addition model takes about half a millisecond,
// and waking a parked Dispatch worker for each piece cost 70 to 100 µs on the 2-core virtual
// machine of docs/performance.md (an inter-processor interrupt to a halted core). The helper
// here waits for its next piece by polling, yielding the core between polls, for 2 ms (longer
// than the gap between two batches) before it parks on a semaphore; during training it starts
// a piece within a microsecond or two. While one caller uses the helper, any other caller
// (tests run in parallel) runs both pieces itself, one after the other: the same results.
// On a one-core machine both pieces always run on the caller.

import Dispatch
import Foundation
import Synchronization

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
    guard let helper, helper.claim() else { return [work(0), work(1)] }
    defer { helper.release() }
    var second: Result?
    let first = withoutActuallyEscaping(work) { work in
      withUnsafeMutablePointer(to: &second) { slot in
        // The helper writes only `second`, and this thread reads it only after the helper
        // has said it is done (release and acquire on the helper's state).
        nonisolated(unsafe) let work = work
        nonisolated(unsafe) let slot = slot
        helper.start { slot.pointee = work(1) }
        let first = work(0)
        helper.waitUntilDone()
        return first
      }
    }
    return [first, second!]
  }

  /// The helper thread, started on first use and kept for the life of the process; `nil`
  /// on a machine with one core.
  static let helper: Helper? = ProcessInfo.processInfo.activeProcessorCount > 1 ? Helper() : nil
}

/// A thread that runs one piece of work at a time for ``BothCores``.
final class Helper: @unchecked Sendable {
  /// 0: no piece; 1: a piece is waiting in `piece`; 2: the piece is done.
  private let state = Atomic<Int>(0)
  /// Whether the helper is asleep on `wake` (or about to be).
  private let parked = Atomic<Bool>(false)
  /// Whether a caller is using the helper.
  private let busy = Atomic<Bool>(false)
  private let wake = DispatchSemaphore(value: 0)
  /// Written by the caller before `state` becomes 1, read by the helper after it sees 1.
  private var piece: (() -> Void)?

  /// How long the helper polls for a piece before it parks.
  private static let pollNanoseconds: UInt64 = 2_000_000

  init() {
    let thread = Thread { [unowned self] in self.serve() }
    thread.name = "unrolled both cores"
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// Takes the helper for one ``BothCores/run(_:_:)``; `false` when another caller has it.
  func claim() -> Bool {
    busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
  }

  /// Gives the helper back.
  func release() {
    busy.store(false, ordering: .releasing)
  }

  /// Hands `piece` to the helper thread.
  func start(_ piece: @escaping () -> Void) {
    self.piece = piece
    state.store(1, ordering: .sequentiallyConsistent)
    if parked.load(ordering: .sequentiallyConsistent) { wake.signal() }
  }

  /// Returns once the piece given to ``start(_:)`` has run.
  func waitUntilDone() {
    var polls = 0
    while state.load(ordering: .acquiring) != 2 {
      polls += 1
      if polls > 256 { sched_yield() }
    }
    state.store(0, ordering: .relaxed)
  }

  /// The helper thread's loop: wait for a piece, run it, say so.
  private func serve() {
    while true {
      var since = DispatchTime.now().uptimeNanoseconds
      while state.load(ordering: .acquiring) != 1 {
        sched_yield()
        if DispatchTime.now().uptimeNanoseconds - since < Helper.pollNanoseconds { continue }
        // Park. A caller that stores 1 after this thread reads `state` sees `parked` and
        // signals; a signal left over from an earlier round only costs one more poll.
        parked.store(true, ordering: .sequentiallyConsistent)
        if state.load(ordering: .sequentiallyConsistent) != 1 { wake.wait() }
        parked.store(false, ordering: .sequentiallyConsistent)
        since = DispatchTime.now().uptimeNanoseconds
      }
      do {
        // Released before the caller hears the piece is done: the caller's closure must not
        // outlive its call (withoutActuallyEscaping checks).
        let piece = self.piece!
        self.piece = nil
        piece()
      }
      state.store(2, ordering: .releasing)
    }
  }
}
