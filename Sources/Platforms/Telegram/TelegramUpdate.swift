import ChatModel
import Foundation

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
    static func read(_ update: [String: Any], now: Int64) -> TelegramUpdate {
        if let message = update["message"] {
            guard let message = message as? [String: Any] else { return .malformed }
            return readMessage(message)
        }
        if let query = update["callback_query"] {
            guard let query = query as? [String: Any] else { return .malformed }
            return readCallback(query, now: now)
        }
        return .ignored
    }

    private static func readMessage(_ message: [String: Any]) -> TelegramUpdate {
        guard let chat = message["chat"] as? [String: Any], let chatID = integer(chat["id"]),
            let chatType = chat["type"] as? String, let messageID = integer(message["message_id"]),
            let date = integer(message["date"])
        else { return .malformed }
        // Channel posts and messages without a sender (anonymous admins post as the group) are not questions to
        // answer; nor is anything from a bot, the assistant included.
        guard chatType != "channel", let from = message["from"] else { return .ignored }
        guard let sender = from as? [String: Any], let senderID = integer(sender["id"]) else { return .malformed }
        if sender["is_bot"] as? Bool == true { return .ignored }
        guard let text = message["text"] else { return .ignored }  // a sticker, photo, voice note…
        guard let text = text as? String else { return .malformed }
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

    private static func readCallback(_ query: [String: Any], now: Int64) -> TelegramUpdate {
        guard let queryID = query["id"] as? String, let sender = query["from"] as? [String: Any],
            let senderID = integer(sender["id"])
        else { return .malformed }
        guard let message = query["message"] as? [String: Any], let chat = message["chat"] as? [String: Any],
            let chatID = integer(chat["id"]), let data = query["data"] as? String
        else { return .callback(nil, queryID: queryID) }
        let inbound = InboundMessage(
            platform: "telegram",
            conversationID: String(chatID),
            isDirect: chat["type"] as? String == "private",
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
    private static func topic(_ message: [String: Any]) -> String? {
        guard message["is_topic_message"] as? Bool == true, let thread = integer(message["message_thread_id"]) else {
            return nil
        }
        return String(thread)
    }

    private static func displayName(_ user: [String: Any]) -> String? {
        let name = [user["first_name"] as? String, user["last_name"] as? String].compactMap(\.self).joined(
            separator: " "
        )
        return name.isEmpty ? user["username"] as? String : name
    }

    /// A JSON integer (ids reach 52 bits: Int64); strings and fractions are not.
    static func integer(_ value: Any?) -> Int64? { JSONNumber.int64(value) }
}
