/// A platform's id for a conversation (a Matrix room, a Telegram chat, a Slack channel, a Zulip stream topic), as
/// the platform wrote it. Opaque: only the adapter that produced it knows what it means.
public struct ConversationID: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}
