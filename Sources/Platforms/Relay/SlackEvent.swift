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
    static func read(_ payload: SlackWire.Payload, botUserID: String?) -> SlackEvent {
        switch payload.type {
        case "event_callback":
            guard let event = payload.event else { return .malformed }
            return readMessage(event, botUserID: botUserID)
        case "block_actions":
            return readAction(payload)
        default:
            return .ignored
        }
    }

    private static func readMessage(_ event: SlackWire.Event, botUserID: String?) -> SlackEvent {
        guard let type = event.type, type == "message" || type == "app_mention" else { return .ignored }
        // Skip bots (the assistant included) and subtypes (edits, joins, bot_message…) so the bot never loops.
        if event.isFromBotOrSubtype { return .ignored }
        guard let channel = event.channel, let user = event.user, let ts = event.ts, let text = event.text else {
            return .malformed
        }
        if user == botUserID { return .ignored }
        let isDirect = event.channelType == "im" || channel.hasPrefix("D")
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
                threadID: event.threadTS ?? (isDirect ? nil : ts)
            )
        )
    }

    /// A tapped quick-reply button: its value is the suggestion's payload, handed on as the message text.
    private static func readAction(_ payload: SlackWire.Payload) -> SlackEvent {
        guard let user = payload.user?.id, let action = payload.actions?.first, let value = action.value,
            let channel = payload.channel?.id ?? payload.container?.channelID
        else { return .malformed }
        let actionTS = action.actionTS ?? payload.container?.messageTS ?? "0"
        return .message(
            InboundMessage(
                platform: "slack",
                conversationID: channel,
                isDirect: channel.hasPrefix("D"),
                senderID: user,
                text: value,
                messageID: "\(channel):action:\(actionTS)",
                timestamp: seconds(actionTS),
                threadID: payload.container?.threadTS
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
