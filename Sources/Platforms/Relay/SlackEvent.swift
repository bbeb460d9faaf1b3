import ChatModel
import Foundation

/// What one Slack payload from the relay means for the assistant. Pure, so the mapping is tested on its own.
enum SlackEvent: Equatable {
    case message(InboundMessage)
    /// The bot's own message, another bot's, an edit, a join notice…: not a question.
    case ignored
    case malformed

    /// Reads an Events API `event_callback` or an interactivity `block_actions` payload. `botUserID` (from
    /// `auth.test`) is the bot's own user: its messages are ignored and its mention stripped from questions.
    static func read(_ payload: [String: Any], botUserID: String?) -> SlackEvent {
        switch payload["type"] as? String {
        case "event_callback":
            guard let event = payload["event"] as? [String: Any] else { return .malformed }
            return readMessage(event, botUserID: botUserID)
        case "block_actions":
            return readAction(payload)
        default:
            return .ignored
        }
    }

    private static func readMessage(_ event: [String: Any], botUserID: String?) -> SlackEvent {
        guard let type = event["type"] as? String, type == "message" || type == "app_mention" else { return .ignored }
        // Skip bots (the assistant included) and subtypes (edits, joins, bot_message…) so the bot never loops.
        if event["bot_id"] != nil || event["subtype"] != nil { return .ignored }
        guard let channel = event["channel"] as? String, let user = event["user"] as? String,
            let ts = event["ts"] as? String, let text = event["text"] as? String
        else { return .malformed }
        if user == botUserID { return .ignored }
        let isDirect = event["channel_type"] as? String == "im" || channel.hasPrefix("D")
        return .message(
            InboundMessage(
                platform: "slack",
                conversationID: channel,
                isDirect: isDirect,
                senderID: user,
                text: strippingMention(text, botUserID: botUserID),
                // `message` and `app_mention` for one post share channel and ts: one id, answered once.
                messageID: "\(channel):\(ts)",
                timestamp: seconds(ts),
                threadID: event["thread_ts"] as? String ?? (isDirect ? nil : ts)
            )
        )
    }

    /// A tapped quick-reply button: its value is the suggestion's payload, handed on as the message text.
    private static func readAction(_ payload: [String: Any]) -> SlackEvent {
        guard let user = (payload["user"] as? [String: Any])?["id"] as? String,
            let action = (payload["actions"] as? [[String: Any]])?.first, let value = action["value"] as? String
        else { return .malformed }
        let container = payload["container"] as? [String: Any] ?? [:]
        guard
            let channel = (payload["channel"] as? [String: Any])?["id"] as? String ?? container["channel_id"] as? String
        else { return .malformed }
        let actionTS = action["action_ts"] as? String ?? container["message_ts"] as? String ?? "0"
        return .message(
            InboundMessage(
                platform: "slack",
                conversationID: channel,
                isDirect: channel.hasPrefix("D"),
                senderID: user,
                text: value,
                messageID: "\(channel):action:\(actionTS)",
                timestamp: seconds(actionTS),
                threadID: container["thread_ts"] as? String
            )
        )
    }

    /// `<@U0BOT> what is channel` → `what is channel`.
    static func strippingMention(_ text: String, botUserID: String?) -> String {
        guard let botUserID else { return text }
        return text.replacingOccurrences(of: "<@\(botUserID)>", with: "").trimmingCharacters(in: .whitespaces)
    }

    private static func seconds(_ ts: String) -> Int64 {
        Int64(ts.split(separator: ".").first ?? "") ?? 0
    }
}
