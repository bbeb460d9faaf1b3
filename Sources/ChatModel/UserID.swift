/// A platform's id for a person (`@jo:example.ac.uk`, a Telegram user number, a Slack `U…` id), as the platform
/// wrote it. Opaque outside the adapter that produced it; ``Identity`` adds which platform it belongs to.
public struct UserID: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}
