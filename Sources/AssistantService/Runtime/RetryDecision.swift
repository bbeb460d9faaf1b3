public import CurlHTTP
public import Platforms

/// What a poller does after a fault, decided without a clock or a sleep so it is tested directly: wait out a rate
/// limit (the server's wait, made safe by ``ServerDuration``: finite, 0…1 h), back off with jitter after a transient
/// fault, or stop this platform when its credentials or configuration were refused.
public enum RetryDecision: Sendable, Hashable {
    /// Wait as the server asked, then retry; the retry count does not grow.
    case rateLimited(Duration)
    /// Wait with exponential backoff, then retry; the retry count grows.
    case backOff(Duration)
    /// Stop polling this platform (the others go on).
    case stop

    /// The decision after a fault of `kind` (`nil`: not a ``PlatformError``, e.g. a database error), on retry
    /// number `attempt`, with `unit` a random number in `0..<1` for the jitter. A rate limit waits at most `longest`
    /// seconds (tests shorten the hour).
    public static func after(
        _ kind: PlatformError.Kind?,
        attempt: Int,
        backoff: Backoff,
        unit: Double,
        longest: Double = ServerDuration.longest
    ) -> Self {
        switch kind {
        case .rateLimited(let seconds)?:
            .rateLimited(ServerDuration.duration(seconds: min(seconds, longest)))
        case .fatal?, .unauthorized?:
            .stop
        case .transient?, .rejected?, nil:
            .backOff(ServerDuration.duration(seconds: backoff.delay(attempt: attempt, unit: unit)))
        }
    }

    /// How long to wait before the next try; `nil` when stopping.
    public var delay: Duration? {
        switch self {
        case .rateLimited(let delay), .backOff(let delay): delay
        case .stop: nil
        }
    }
}
