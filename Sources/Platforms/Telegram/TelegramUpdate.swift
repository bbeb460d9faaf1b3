import ChatModel

/// What one `Update` from `getUpdates` means for the assistant. Pure: no I/O, so the mapping is tested on its own.
enum TelegramUpdate: Equatable {
    /// A person's text message.
    case message(InboundMessage)
    /// A tapped quick-reply button: the message it stands for (`nil` when it cannot be answered, e.g. a button on an
    /// inline message with no chat), and the query id that must be answered either way.
    case callback(InboundMessage?, queryID: String)
    /// Not for the assistant: the bot's or another bot's message, a channel post, a sticker or photo, another type.
    case ignored
    /// A message or callback missing required fields: skipped, logged by update id only.
    case malformed

    /// Reads one update. `now` stamps button taps, which carry no date of their own.
    static func read(_ update: TelegramWire.Update, now: Int64) -> TelegramUpdate {
        switch update.message {
        case .present(let message): return readMessage(message)
        case .unreadable: return .malformed
        case .absent: break
        }
        switch update.callbackQuery {
        case .present(let query): return readCallback(query, now: now)
        case .unreadable: return .malformed
        case .absent: return .ignored
        }
    }

    private static func readMessage(_ message: TelegramWire.Message) -> TelegramUpdate {
        guard let chatID = message.chat?.id, let chatType = message.chat?.type, let messageID = message.messageID,
            let date = message.date
        else { return .malformed }
        // Channel posts and messages without a sender (anonymous admins post as the group) are not questions to
        // answer; nor is anything from a bot, the assistant included.
        guard chatType != "channel" else { return .ignored }
        let sender: TelegramWire.User
        switch message.from {
        case .absent: return .ignored
        case .unreadable: return .malformed
        case .present(let user): sender = user
        }
        guard let senderID = sender.id else { return .malformed }
        if sender.isBot == true { return .ignored }
        let text: String
        switch message.text {
        case .absent: return .ignored  // a sticker, photo, voice note…
        case .unreadable: return .malformed
        case .present(let value): text = value
        }
        return .message(
            InboundMessage(
                platform: "telegram",
                conversationID: String(chatID),
                isDirect: chatType == "private",
                senderID: String(senderID),
                senderName: displayName(sender),
                text: text,
                messageID: "\(chatID):\(messageID)",
                timestamp: date,
                threadID: topic(message)
            )
        )
    }

    private static func readCallback(_ query: TelegramWire.CallbackQuery, now: Int64) -> TelegramUpdate {
        guard let queryID = query.id, let sender = query.from, let senderID = sender.id else { return .malformed }
        guard let message = query.message, let chat = message.chat, let chatID = chat.id, let data = query.data else {
            return .callback(nil, queryID: queryID)
        }
        let inbound = InboundMessage(
            platform: "telegram",
            conversationID: String(chatID),
            isDirect: chat.type == "private",
            senderID: String(senderID),
            senderName: displayName(sender),
            text: data,
            messageID: "\(chatID):callback:\(queryID)",
            timestamp: now,
            threadID: topic(message)
        )
        return .callback(inbound, queryID: queryID)
    }

    /// The forum topic a message belongs to. `message_thread_id` also appears on replies in ordinary supergroups,
    /// where sending to it fails, so only topic messages count.
    private static func topic(_ message: TelegramWire.Message) -> String? {
        guard message.isTopicMessage == true, let thread = message.messageThreadID else { return nil }
        return String(thread)
    }

    private static func displayName(_ user: TelegramWire.User) -> String? {
        let name = [user.firstName, user.lastName].compactMap(\.self).joined(separator: " ")
        return name.isEmpty ? user.username : name
    }
}
