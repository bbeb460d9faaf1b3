/// The parts of Slack's payloads and Web API answers the adapter reads, decoded leniently (a field of the wrong type
/// reads as missing).
enum SlackWire {
    /// An Events API `event_callback` or an interactivity `block_actions` payload, as the relay queued it.
    struct Payload: Decodable, Sendable {
        @Lenient var type: String?
        /// The event of an `event_callback`; `nil` when missing or not an object.
        @Lenient var event: Event?
        /// A `block_actions` payload's fields.
        @Lenient var user: Identified?
        @Lenient var actions: [Action]?
        @Lenient var channel: Identified?
        @Lenient var container: Container?
    }

    /// `{"id": …}`: a user, a channel.
    struct Identified: Decodable, Sendable {
        @Lenient var id: String?
    }

    /// A `message` or `app_mention` event.
    struct Event: Decodable, Sendable {
        @Lenient var type: String?
        /// Whether `bot_id` is there at all, whatever its value (a bot's message).
        let botID: WireField<AnyJSONValue>
        /// Whether `subtype` is there at all (an edit, a join notice…).
        let subtype: WireField<AnyJSONValue>
        @Lenient var channel: String?
        @Lenient var user: String?
        @Lenient var ts: String?
        @Lenient var text: String?
        @Lenient var channelType: String?
        @Lenient var threadTS: String?

        var isFromBotOrSubtype: Bool { !botID.isAbsent || !subtype.isAbsent }

        private enum CodingKeys: String, CodingKey {
            case type
            case botID = "bot_id"
            case subtype
            case channel
            case user
            case ts
            case text
            case channelType = "channel_type"
            case threadTS = "thread_ts"
        }
    }

    /// A tapped button.
    struct Action: Decodable, Sendable {
        @Lenient var value: String?
        @Lenient var actionTS: String?

        private enum CodingKeys: String, CodingKey {
            case value
            case actionTS = "action_ts"
        }
    }

    /// Where a tapped button's message is.
    struct Container: Decodable, Sendable {
        @Lenient var channelID: String?
        @Lenient var messageTS: String?
        @Lenient var threadTS: String?

        private enum CodingKeys: String, CodingKey {
            case channelID = "channel_id"
            case messageTS = "message_ts"
            case threadTS = "thread_ts"
        }
    }

    /// A Web API answer: `ok`, `error`, and the fields the adapter reads from `auth.test`, `chat.postMessage` and
    /// `conversations.open`.
    struct Answer: Decodable {
        @Lenient var ok: Bool?
        @Lenient var error: String?
        @Lenient var userID: String?
        @Lenient var ts: String?
        @Lenient var channel: Identified?

        private enum CodingKeys: String, CodingKey {
            case ok
            case error
            case userID = "user_id"
            case ts
            case channel
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
            case channel
            case text
            case mrkdwn
            case unfurlLinks = "unfurl_links"
            case threadTS = "thread_ts"
            case blocks
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

            enum CodingKeys: String, CodingKey {
                case type
                case text
                case value
                case actionID = "action_id"
            }
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
