import ChatModel

/// A Zulip conversation as the runtime names it: `stream:<stream id>:<topic>` for a channel topic, `dm:<user ids>` for
/// direct messages (the people besides the bot, sorted, comma-separated).
enum ZulipConversation: Sendable, Hashable {
    case stream(id: Int, topic: String)
    case direct(userIDs: [Int])

    init?(_ conversationID: String) {
        if conversationID.hasPrefix("stream:") {
            let parts = conversationID.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let id = Int(parts[1]) else { return nil }
            self = .stream(id: id, topic: String(parts[2]))
        } else if conversationID.hasPrefix("dm:") {
            let ids = conversationID.dropFirst(3).split(separator: ",").compactMap { Int($0) }
            guard !ids.isEmpty else { return nil }
            self = .direct(userIDs: ids.sorted())
        } else {
            return nil
        }
    }

    var id: String {
        switch self {
        case .stream(let id, let topic): "stream:\(id):\(topic)"
        case .direct(let userIDs): "dm:" + userIDs.sorted().map(String.init).joined(separator: ",")
        }
    }

    /// What one message from the server is to the bot.
    enum Reading {
        case person(InboundMessage)
        /// The bot's own message: not answered, but its id still moves the cursor.
        case own(id: Int)
        /// Unreadable: skipped, and listed by id (never content).
        case malformed(id: String)
    }

    /// Reads one message object (`GET /messages`, or an event's `message`).
    static func read(_ message: ZulipWire.Message, bot: Int, fallbackID: String) -> Reading {
        guard let id = message.id else { return .malformed(id: fallbackID) }
        guard let sender = message.senderID, let type = message.type, let content = message.content else {
            return .malformed(id: "\(id)")
        }
        if sender == bot { return .own(id: id) }
        let timestamp = message.timestamp.map(Int64.init) ?? 0
        let conversation: ZulipConversation
        let isDirect: Bool
        switch type {
        case "stream", "channel":
            guard let stream = message.streamID, let topic = message.subject ?? message.topic else {
                return .malformed(id: "\(id)")
            }
            conversation = .stream(id: stream, topic: topic)
            isDirect = false
        case "private", "direct":
            guard let recipients = message.displayRecipient else { return .malformed(id: "\(id)") }
            let ids = recipients.compactMap(\.id)
            guard ids.count == recipients.count, ids.contains(sender) else { return .malformed(id: "\(id)") }
            let others = Set(ids).subtracting([bot]).sorted()
            conversation = .direct(userIDs: others)
            // One-to-one with the bot: the bot and the sender, nobody else.
            isDirect = Set(ids) == [bot, sender]
        default:
            return .malformed(id: "\(id)")
        }
        return .person(
            InboundMessage(
                platform: "zulip",
                conversationID: conversation.id,
                isDirect: isDirect,
                senderID: "\(sender)",
                senderName: message.senderFullName,
                text: content,
                messageID: "\(id)",
                timestamp: timestamp
            )
        )
    }
}
