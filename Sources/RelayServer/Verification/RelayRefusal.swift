/// Why the relay refused a webhook, and the HTTP status it answers with. Never carries any of the body.
public struct RelayRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status: 401 (no or bad credentials), 403 (credentials valid but not for this bot), 413 (too large).
    public let status: Int
    /// A short reason for the relay's log.
    public let reason: String

    public init(status: Int, reason: String) {
        self.status = status
        self.reason = reason
    }

    public static func unauthenticated(_ reason: String) -> RelayRefusal { RelayRefusal(status: 401, reason: reason) }
    public static func forbidden(_ reason: String) -> RelayRefusal { RelayRefusal(status: 403, reason: reason) }
    public static let tooLarge = RelayRefusal(status: 413, reason: "body over the size limit")

    public var description: String { "\(status) \(reason)" }
}
