/// Exponential backoff with full jitter, capped: the wait before retry number `attempt` (0-based).
///
/// | attempt | without jitter (base 0.5 s, cap 60 s) |
/// |---|---|
/// | 0 | 0.5 s |
/// | 1 | 1 s |
/// | 2 | 2 s |
/// | 3 | 4 s |
/// | 7 | 60 s (capped) |
///
/// With jitter the wait is uniform between half that and all of it, so many pollers retrying at once spread out.
public struct Backoff: Sendable, Hashable {
    public let base: Double
    public let cap: Double

    public init(base: Double = 0.5, cap: Double = 60) {
        self.base = base
        self.cap = cap
    }

    /// The delay before retry `attempt`, given a random `unit` in `0..<1` (pass `Double.random(in: 0..<1)`).
    public func delay(attempt: Int, unit: Double) -> Double {
        let exponent = min(max(attempt, 0), 30)
        let ceiling = min(cap, base * Double(1 << exponent))
        return ceiling / 2 + ceiling / 2 * min(max(unit, 0), 1)
    }
}
