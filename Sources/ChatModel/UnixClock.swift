import Foundation

/// Where an adapter reads the time (a button tap carries no time of its own; a joined room remembers when): injected,
/// so tests fix it. ``system`` is the one live implementation.
public struct UnixClock: Sendable {
    private let read: @Sendable () -> Double

    /// A clock reading `seconds()` (Unix seconds, UTC).
    public init(_ seconds: @escaping @Sendable () -> Double) { read = seconds }

    /// The machine's wall clock.
    public static let system = UnixClock { Date().timeIntervalSince1970 }

    /// A clock stopped at `seconds`.
    public static func fixed(_ seconds: Double) -> UnixClock { UnixClock { seconds } }

    /// Unix seconds, with a fraction.
    public var now: Double { read() }

    /// Whole Unix seconds (never traps: a clock before 1970 or absurdly far ahead reads 0).
    public var seconds: Int64 { Int64(exactly: now.rounded(.down)) ?? 0 }

    /// Whole Unix milliseconds (never traps, as ``seconds``).
    public var milliseconds: Int64 { Int64(exactly: (now * 1000).rounded(.down)) ?? 0 }
}
