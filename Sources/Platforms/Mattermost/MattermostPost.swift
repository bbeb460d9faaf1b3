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

    /// Reads one post object from a `PostList`.
    static func read(_ post: [String: Any], id fallbackID: String, bot: String, isDirect: Bool) -> Reading {
        guard let id = post["id"] as? String, !id.isEmpty else { return .malformed(id: fallbackID) }
        guard let createAt = (post["create_at"] as? Int).map(Int64.init), let sender = post["user_id"] as? String,
            let channel = post["channel_id"] as? String, let text = post["message"] as? String
        else { return .malformed(id: id) }
        let type = post["type"] as? String ?? ""
        let props = post["props"] as? [String: Any] ?? [:]
        let fromBot = props["from_bot"] as? String == "true" || props["from_bot"] as? Bool == true
        let deleted = (post["delete_at"] as? Int ?? 0) > 0
        if sender == bot || fromBot || !type.isEmpty || deleted { return .ignored }
        let root = post["root_id"] as? String ?? ""
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
