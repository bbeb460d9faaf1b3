/// Lockout with back-off after failed sign-ins: the first ``freeAttempts`` failures cost nothing; each one after
/// locks the account for twice as long as the one before, from ``firstLockSeconds`` up to ``longestLockSeconds``.
/// Pure: the caller passes the time.
public struct SignInThrottle: Sendable, Hashable {
    public static let freeAttempts = 5
    public static let firstLockSeconds: Int64 = 30
    public static let longestLockSeconds: Int64 = 3600

    public init() {}

    /// Until when the account is locked after its `failures`-th failure at `time` (equal to `time` when not locked).
    public func lockedUntil(afterFailures failures: Int, at time: Int64) -> Int64 {
        guard failures >= Self.freeAttempts else { return time }
        let doublings = min(failures - Self.freeAttempts, 20)
        return time + min(Self.firstLockSeconds << Int64(doublings), Self.longestLockSeconds)
    }

    /// Seconds left before another attempt is heard, or `nil` when one may be made now.
    public func wait(lockedUntil: Int64, at time: Int64) -> Int64? {
        lockedUntil > time ? lockedUntil - time : nil
    }
}
