/// The parts of Zulip's REST API answers the adapter reads, decoded leniently (a field of the wrong type reads as
/// missing; ids are exact integers or nothing).
enum ZulipWire {
    /// Any answer's fields the adapter reads: `users/me`, `register`, `messages` (sent), and an error's machine-readable
    /// `code` (never the localized `msg`) and `retry-after`.
    struct Answer: Decodable {
        @LenientInteger var userID: Int?
        @Lenient var isBot: Bool?
        @Lenient var queueID: String?
        @LenientInteger var lastEventID: Int?
        @LenientInteger var maxMessageID: Int?
        @Lenient var longPollTimeout: WireNumber?
        @LenientInteger var id: Int?
        @Lenient var code: String?
        @Lenient var retryAfter: WireNumber?

        private enum CodingKeys: String, CodingKey {
            case userID = "user_id"
            case isBot = "is_bot"
            case queueID = "queue_id"
            case lastEventID = "last_event_id"
            case maxMessageID = "max_message_id"
            case longPollTimeout = "event_queue_longpoll_timeout_seconds"
            case id
            case code
            case retryAfter = "retry-after"
        }
    }

    /// `GET /events`: each event on its own (`nil` for one that is not an object).
    struct Events: Decodable {
        let events: [Each<Event>]
    }

    struct Event: Decodable {
        @LenientInteger var id: Int?
        @Lenient var type: String?
        /// `nil` when missing or not an object.
        @Lenient var message: Message?
    }

    /// `GET /messages`: a page of messages (every one an object, or the page is unreadable).
    struct Messages: Decodable {
        let messages: [Message]
        @Lenient var foundNewest: Bool?

        private enum CodingKeys: String, CodingKey {
            case messages
            case foundNewest = "found_newest"
        }
    }

    struct Message: Decodable {
        struct Recipient: Decodable {
            @LenientInteger var id: Int?
        }

        @LenientInteger var id: Int?
        @LenientInteger var senderID: Int?
        @Lenient var senderFullName: String?
        @Lenient var type: String?
        @Lenient var content: String?
        @LenientInteger var timestamp: Int?
        @LenientInteger var streamID: Int?
        @Lenient var subject: String?
        @Lenient var topic: String?
        /// A direct message's people; `nil` for a channel message (where it is the channel's name).
        @Lenient var displayRecipient: [Recipient]?

        private enum CodingKeys: String, CodingKey {
            case id
            case senderID = "sender_id"
            case senderFullName = "sender_full_name"
            case type
            case content
            case timestamp
            case streamID = "stream_id"
            case subject
            case topic
            case displayRecipient = "display_recipient"
        }
    }
}
