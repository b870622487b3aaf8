// How many threads OpenBLAS gives the model's matrix products.
//
// An LSTM step's products are small ([32, 87]·[87, 300] for the addition model,
// [64, 349]·[349, 1024] for the lstm_seq2seq example's) and come a few at a time between
// element-wise loops, so OpenBLAS wakes and parks its thread pool for every one; on the
// 2-core machine of docs/performance.md that costs more system time than the second core
// saves. OpenBLAS's sums also depend on how it splits the work between threads, so one
// thread makes the weights a seed trains independent of the machine's core count.

import COpenBLAS
import Foundation

/// The thread count of OpenBLAS, which computes every matrix product of the model.
public enum BLASThreading {
  /// The environment variable that chooses the thread count instead of unrolled.
  public static let environmentVariable = "OPENBLAS_NUM_THREADS"

  /// The number of threads OpenBLAS uses now.
  public static var threadCount: Int { Int(openblas_get_num_threads()) }

  /// Makes OpenBLAS use `count` threads (at least 1) from now on, in the whole process.
  public static func setThreadCount(_ count: Int) {
    openblas_set_num_threads(Int32(max(1, count)))
  }

  /// One thread, unless `OPENBLAS_NUM_THREADS` is set, in which case OpenBLAS keeps the
  /// count it read from it. ``Trainer`` calls this.
  public static func useOneThreadUnlessConfigured() {
    guard !isConfigured else { return }
    if threadCount != 1 { setThreadCount(1) }
  }

  /// Whether `OPENBLAS_NUM_THREADS` chooses the thread count.
  static var isConfigured: Bool { ProcessInfo.processInfo.environment[environmentVariable] != nil }

  /// What an executable calls first thing in `main`, before it starts any thread: one
  /// thread unless `OPENBLAS_NUM_THREADS` is set, and OpenBLAS's idle worker threads stopped.
  ///
  /// OpenBLAS starts its worker threads when it loads, and each one polls for work,
  /// yielding, for 2²⁸ processor cycles (about 0.1 s) before it sleeps. Meanwhile it holds
  /// a core: on the 2-core machine of docs/performance.md the helper thread that trains the
  /// second half of every batch (``BothCores``) got half a core, and the first 70 to 95
  /// batches of a run took about twice as long. Asking for one thread does not stop a
  /// worker that is already polling; OpenBLAS's shutdown routine (what it runs around a
  /// fork) does. It must not run while another thread is inside OpenBLAS, hence "first
  /// thing in `main`". It is looked up by name, since OpenBLAS builds without threads do
  /// not have it; OpenBLAS starts the workers again itself if a thread count above one is
  /// set later.
  public static func useOneThreadFromTheStart() {
    guard !isConfigured else { return }
    useOneThreadUnlessConfigured()
    guard let shutdown = dlsym(nil, "blas_thread_shutdown_") else { return }
    typealias Shutdown = @convention(c) () -> Int32
    _ = unsafeBitCast(shutdown, to: Shutdown.self)()
  }
}
