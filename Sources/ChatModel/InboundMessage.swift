/// A message from a person, in the same shape whichever chat platform it came from.
public struct InboundMessage: Sendable, Hashable {
    /// The platform the message came from (e.g. `console`, `matrix`).
    public let platform: String
    /// The conversation (room, chat, channel) the message was posted in.
    public let conversationID: String
    /// Whether the conversation is a direct (one-to-one) conversation with the assistant.
    public let isDirect: Bool
    /// The sender's platform identity (e.g. `@jo:example.ac.uk`).
    public let senderID: String
    /// The sender's display name, if the platform gives one.
    public let senderName: String?
    public let text: String
    /// The platform's id for this message; replies derive their idempotency keys from it.
    public let messageID: String
    /// When the message was sent, in Unix seconds (UTC); forms read "today" and "yesterday" against it.
    public let timestamp: Int64
    /// The thread the message was posted in, if the platform has threads; replies go to the same thread.
    public let threadID: String?

    /// The sender as `platform:id`, the form roles and records use.
    public var senderIdentity: String { sender.description }

    /// The sender, typed: the platform's kind and its id for the person.
    public var sender: Identity { Identity(platform: platform, user: UserID(senderID)) }

    /// The conversation, typed.
    public var conversation: ConversationID { ConversationID(conversationID) }

    public init(
        platform: String,
        conversationID: String,
        isDirect: Bool,
        senderID: String,
        senderName: String? = nil,
        text: String,
        messageID: String,
        timestamp: Int64,
        threadID: String? = nil
    ) {
        self.platform = platform
        self.conversationID = conversationID
        self.isDirect = isDirect
        self.senderID = senderID
        self.senderName = senderName
        self.text = text
        self.messageID = messageID
        self.timestamp = timestamp
        self.threadID = threadID
    }
}
