/// The parts of Slack's payloads and Web API answers the adapter reads, decoded leniently (a field of the wrong type
/// reads as missing).
enum SlackWire {
    /// An Events API `event_callback` or an interactivity `block_actions` payload, as the relay queued it.
    struct Payload: Decodable, Sendable {
        let type: String?
        /// The event of an `event_callback`; `nil` when missing or not an object.
        let event: Event?
        /// A `block_actions` payload's fields.
        let userID: String?
        let firstAction: Action?
        let channelID: String?
        let container: Container?

        private enum CodingKeys: String, CodingKey { case type, event, user, actions, channel, container }
        private enum IDKeys: String, CodingKey { case id }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = container.lenient(.type)
            event = container.lenient(.event)
            userID = (try? container.nestedContainer(keyedBy: IDKeys.self, forKey: .user))?.lenient(.id)
            firstAction = container.lenient(.actions, as: [Action].self)?.first
            channelID = (try? container.nestedContainer(keyedBy: IDKeys.self, forKey: .channel))?.lenient(.id)
            self.container = container.lenient(.container)
        }
    }

    /// A `message` or `app_mention` event.
    struct Event: Decodable, Sendable {
        let type: String?
        /// Whether `bot_id` or `subtype` is there at all (a bot's message, an edit, a join notice…).
        let isFromBotOrSubtype: Bool
        let channel: String?
        let user: String?
        let ts: String?
        let text: String?
        let channelType: String?
        let threadTS: String?

        private enum CodingKeys: String, CodingKey {
            case type, botID = "bot_id", subtype, channel, user, ts, text, channelType = "channel_type"
            case threadTS = "thread_ts"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = container.lenient(.type)
            isFromBotOrSubtype = container.contains(.botID) || container.contains(.subtype)
            channel = container.lenient(.channel)
            user = container.lenient(.user)
            ts = container.lenient(.ts)
            text = container.lenient(.text)
            channelType = container.lenient(.channelType)
            threadTS = container.lenient(.threadTS)
        }
    }

    /// A tapped button.
    struct Action: Decodable, Sendable {
        let value: String?
        let actionTS: String?

        private enum CodingKeys: String, CodingKey { case value, actionTS = "action_ts" }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            value = container.lenient(.value)
            actionTS = container.lenient(.actionTS)
        }
    }

    /// Where a tapped button's message is.
    struct Container: Decodable, Sendable {
        let channelID: String?
        let messageTS: String?
        let threadTS: String?

        private enum CodingKeys: String, CodingKey {
            case channelID = "channel_id", messageTS = "message_ts", threadTS = "thread_ts"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            channelID = container.lenient(.channelID)
            messageTS = container.lenient(.messageTS)
            threadTS = container.lenient(.threadTS)
        }
    }

    /// A Web API answer: `ok`, `error`, and the fields the adapter reads from `auth.test`, `chat.postMessage` and
    /// `conversations.open`.
    struct Answer: Decodable {
        let ok: Bool
        let error: String?
        let userID: String?
        let ts: String?
        let channelID: String?

        private enum CodingKeys: String, CodingKey { case ok, error, userID = "user_id", ts, channel }
        private enum IDKeys: String, CodingKey { case id }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            ok = container.lenient(.ok) ?? false
            error = container.lenient(.error)
            userID = container.lenient(.userID)
            ts = container.lenient(.ts)
            channelID = (try? container.nestedContainer(keyedBy: IDKeys.self, forKey: .channel))?.lenient(.id)
        }
    }
}

/// The Web API bodies the Slack adapter sends, typed.
enum SlackRequests {
    /// `chat.postMessage` in `mrkdwn`, links not unfurled; the last part carries the quick-reply buttons.
    struct PostMessage: Encodable {
        let channel: String
        let text: String
        let mrkdwn = true
        let unfurlLinks = false
        var threadTS: String?
        var blocks: [Block]?

        enum CodingKeys: String, CodingKey {
            case channel, text, mrkdwn, unfurlLinks = "unfurl_links", threadTS = "thread_ts", blocks
        }
    }

    /// A Block Kit block: a `section` of mrkdwn text or an `actions` row of buttons.
    struct Block: Encodable {
        struct Text: Encodable {
            let type: String
            let text: String
        }

        struct Button: Encodable {
            let type = "button"
            let text: Text
            let value: String
            let actionID: String

            enum CodingKeys: String, CodingKey { case type, text, value, actionID = "action_id" }
        }

        let type: String
        var text: Text?
        var elements: [Button]?
    }

    /// `conversations.open` with one user.
    struct OpenConversation: Encodable {
        let users: String
    }
}
