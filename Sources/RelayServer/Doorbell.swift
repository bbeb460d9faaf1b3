import Synchronization

/// Wakes long-polls when an event is queued. A poll reads ``version`` before it looks at the queue, then waits
/// ``wait(since:timeout:)`` only if nothing was rung since: an event queued between the two is never missed.
final class Doorbell: Sendable {
    private struct State {
        var version: UInt64 = 0
        var nextWaiter: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var abandoned: Set<UInt64> = []
        var closed = false
    }

    private let state = Mutex(State())
    /// What a wait's timeout is measured on (the live `ContinuousClock` outside tests).
    private let sleeper: any Clock<Duration>

    init(sleeper: any Clock<Duration>) { self.sleeper = sleeper }

    var version: UInt64 { state.withLock { $0.version } }

    var isClosed: Bool { state.withLock { $0.closed } }

    /// Wakes every waiting poll.
    func ring() {
        let waiters = state.withLock { state in
            state.version &+= 1
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Wakes every waiting poll and makes later waits return at once (the server is shutting down).
    func close() {
        state.withLock { $0.closed = true }
        ring()
    }

    /// Returns when rung after `version`, after `timeout`, when the task is cancelled or the bell closed.
    func wait(since version: UInt64, timeout: Duration) async {
        let id = state.withLock { state in
            state.nextWaiter &+= 1
            return state.nextWaiter
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForRing(id: id, since: version) }
            group.addTask { [sleeper] in try? await sleeper.sleep(for: timeout) }
            await group.next()
            self.abandon(id)
            group.cancelAll()
        }
    }

    private func waitForRing(id: UInt64, since version: UInt64) async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                if state.closed || state.version != version || state.abandoned.remove(id) != nil { return true }
                state.waiters[id] = continuation
                return false
            }
            if now { continuation.resume() }
        }
    }

    private func abandon(_ id: UInt64) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiters.removeValue(forKey: id) { return waiter }
            state.abandoned.insert(id)  // not registered yet: it will see this and not wait
            return nil
        }
        waiter?.resume()
    }
}
