import ChatModel

/// What one post from the server is to the bot.
enum MattermostPost {
    enum Reading {
        /// A person's new message.
        case person(InboundMessage)
        /// The bot's own post, another bot's, a system message or a deleted post: not answered.
        case ignored
        /// Unreadable: skipped, and listed by id (never content).
        case malformed(id: String)
    }

    /// Reads one post of a `PostList` (`nil` when it is not an object).
    static func read(_ post: MattermostWire.Post?, id fallbackID: String, bot: String, isDirect: Bool) -> Reading {
        guard let post, let id = post.id, !id.isEmpty else { return .malformed(id: fallbackID) }
        guard let createAt = post.createAt, let sender = post.userID, let channel = post.channelID,
            let text = post.message
        else { return .malformed(id: id) }
        let type = post.type ?? ""
        let deleted = (post.deleteAt ?? 0) > 0
        if sender == bot || post.fromBot || !type.isEmpty || deleted { return .ignored }
        let root = post.rootID ?? ""
        return .person(
            InboundMessage(
                platform: "mattermost",
                conversationID: channel,
                isDirect: isDirect,
                senderID: sender,
                text: text,
                messageID: id,
                timestamp: createAt / 1000,
                threadID: root.isEmpty ? nil : root
            )
        )
    }
}
