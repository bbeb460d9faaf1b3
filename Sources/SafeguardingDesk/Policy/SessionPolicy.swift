/// When a desk session ends on its own: after ``idleSeconds`` without a request, or ``absoluteSeconds`` after
/// sign-in, whichever comes first. Pure: the caller passes the time.
public struct SessionPolicy: Sendable, Hashable {
    public let idleSeconds: Int64
    public let absoluteSeconds: Int64

    public init(idleSeconds: Int64 = 15 * 60, absoluteSeconds: Int64 = 12 * 3600) {
        self.idleSeconds = idleSeconds
        self.absoluteSeconds = absoluteSeconds
    }

    /// Whether a session created at `createdAt` and last used at `lastSeenAt` is still valid at `time`.
    public func isLive(createdAt: Int64, lastSeenAt: Int64, at time: Int64) -> Bool {
        time - lastSeenAt < idleSeconds && time - createdAt < absoluteSeconds && time >= createdAt
    }
}
