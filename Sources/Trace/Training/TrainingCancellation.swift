import Foundation

/// A flag that asks training to stop after the current batch (for Ctrl-C).
///
/// ```
/// let cancellation = TrainingCancellation()
/// // from a signal handler's queue: cancellation.cancel()
/// ```
public final class TrainingCancellation: @unchecked Sendable {
  // A lock rather than an atomic: portable to every platform the package builds on,
  // and read only once per batch.
  private let lock = NSLock()
  private var cancelled = false

  /// A flag that is not raised.
  public init() {}

  /// Raises the flag.
  public func cancel() {
    lock.lock()
    cancelled = true
    lock.unlock()
  }

  /// Whether the flag is raised.
  public var isCancelled: Bool {
    lock.lock()
    defer { lock.unlock() }
    return cancelled
  }
}
