import AssistantCore
public import Foundation

/// The runtime's time, injected so waits and timestamps are tested without sleeping: `sleeper` for every wait
/// (back-off, rate limits, the housekeeping interval) and `now` for the wall-clock time stored with rows (cursors,
/// deliveries, escalation and draft expiry) and shown as a poller's "resumes at".
///
/// ``live`` is the one place the runtime reads the system's clocks; tests pass a `TestClock` or `ImmediateClock`
/// (swift-clocks) and a `now` they move themselves.
public struct RuntimeClock: Sendable {
    /// What waits are measured on.
    public let sleeper: any Clock<Duration>
    /// Unix seconds now (UTC).
    public let now: @Sendable () -> Int64

    public init(sleeper: any Clock<Duration>, now: @escaping @Sendable () -> Int64) {
        self.sleeper = sleeper
        self.now = now
    }

    /// The system's clocks: a continuous clock for waits, the system time for timestamps.
    public static let live = RuntimeClock(sleeper: ContinuousClock(), now: { UnixClock.system.seconds })

    /// Waits `duration` on ``sleeper``; throws `CancellationError` when the task is cancelled.
    public func sleep(for duration: Duration) async throws {
        try await sleeper.sleep(for: duration)
    }

    /// The wall-clock time `duration` from now, for status reports.
    public func date(after duration: Duration) -> Date {
        let (seconds, attoseconds) = duration.components
        return Date(timeIntervalSince1970: TimeInterval(now()) + Double(seconds) + Double(attoseconds) / 1e18)
    }
}
