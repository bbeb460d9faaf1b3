import ChatModel
import Foundation

/// What one Teams activity from the relay means for the assistant. Pure, so the mapping is tested on its own.
enum TeamsActivity: Equatable {
    /// A person's message, and where the bot can reach its conversation and its sender later.
    case message(InboundMessage, ConversationReference)
    /// Not a question (a conversation update, a typing indicator, a bot's message); its reference, when it has one,
    /// is still worth keeping (a bot installed for a user can then open a 1:1 with them).
    case ignored(ConversationReference?)
    case malformed

    /// What the Bot Connector needs to post to a conversation or open a 1:1 with its sender.
    struct ConversationReference: Codable, Equatable, Sendable {
        let serviceURL: String
        let tenantID: String?
        let conversationID: String
        /// The sender's Bot Framework id (`29:…`), which `POST /v3/conversations` takes as a member.
        let memberID: String?
        /// The sender's identity for the assistant (`aadObjectId`, else the `29:` id).
        let userID: String?
    }

    /// Conversation ids of outgoing-webhook messages carry this prefix: their replies go through the relay's hold
    /// (or the follow-up route), never the Bot Connector.
    static let webhookPrefix = "hook:"

    /// Reads an activity (`now` stamps one that carries no time of its own). `source` is the relay's (`teams` for Bot Framework, `teams-webhook` for an outgoing webhook)
    /// and `sequence` its relay sequence, which the answer to a held webhook must name.
    static func read(_ activity: TeamsWire.Activity, source: String, sequence: Int64, now: Int64) -> TeamsActivity {
        guard let type = activity.type else { return .malformed }
        let from = activity.from
        let reference = activity.serviceUrl.flatMap { serviceURL in
            activity.conversation?.id.map { conversationID in
                ConversationReference(
                    serviceURL: serviceURL,
                    tenantID: activity.channelData?.tenant?.id ?? activity.conversation?.tenantId,
                    conversationID: conversationID,
                    memberID: from?.id,
                    userID: from?.aadObjectId ?? from?.id
                )
            }
        }
        guard type == "message" else { return .ignored(reference) }
        if from?.role == "bot" { return .ignored(nil) }
        guard let reference, let userID = reference.userID, let activityID = activity.id else {
            return .malformed
        }
        // A tapped Adaptive Card button (Action.Submit) arrives as a message whose `value` carries the choice.
        guard let text = activity.value?.choice ?? activity.text.map(plainText) else { return .malformed }
        let isWebhook = source == "teams-webhook"
        return .message(
            InboundMessage(
                platform: "teams",
                conversationID: (isWebhook ? webhookPrefix : "") + reference.conversationID,
                isDirect: !isWebhook && activity.conversation?.conversationType == "personal",
                senderID: userID,
                senderName: from?.name,
                text: text,
                messageID: isWebhook
                    ? "\(webhookPrefix)\(sequence):\(activityID)" : "\(reference.conversationID)|\(activityID)",
                timestamp: timestamp(activity.timestamp) ?? now
            ),
            reference
        )
    }

    /// The relay sequence of an outgoing-webhook message id (`hook:<seq>:<activity id>`).
    static func webhookSequence(_ messageID: String) -> Int64? {
        guard messageID.hasPrefix(webhookPrefix) else { return nil }
        return Int64(messageID.dropFirst(webhookPrefix.count).prefix { $0 != ":" })
    }

    /// Teams text is HTML-ish: `<at>Bot</at>` mentions removed, other tags dropped, entities decoded.
    static func plainText(_ html: String) -> String {
        var text = html.replacingOccurrences(of: #"<at>[^<]*</at>"#, with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
        for (entity, character) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.replacingOccurrences(of: "&amp;", with: "&").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The activity's own time, `nil` when it has none or it is not ISO 8601 (the caller's clock stands in).
    private static func timestamp(_ text: String?) -> Int64? {
        guard let text else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) else { return nil }
        return Int64(exactly: date.timeIntervalSince1970.rounded(.down))
    }
}
