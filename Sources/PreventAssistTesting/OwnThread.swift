public import Foundation

/// Blocking work (a child process, a first model training, a blocking read) run on a thread of its own.
///
/// Swift's cooperative pool has one thread per core: two tests blocked on it (say, each waiting for a process) stall
/// every other test on a 2-core machine, and the stalled tests' time limits run out while they wait for a thread.
/// Tests call blocking code only through this.
public enum OwnThread {
    /// Runs `work` on a new thread and returns what it returned (or throws what it threw).
    public static func run<Value: Sendable>(
        _ work: @escaping @Sendable () throws -> Value
    ) async throws -> Value {
        let result: Result<Value, any Error> = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: Result { try work() }) }.start()
        }
        return try result.get()
    }

    /// The non-throwing form of ``run(_:)``.
    public static func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }
}

extension Process {
    /// Waits for the process to end without holding a thread of the cooperative pool.
    public func exited() async {
        await OwnThread.run { self.waitUntilExit() }
    }
}
