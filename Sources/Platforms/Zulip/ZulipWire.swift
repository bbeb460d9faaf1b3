/// The parts of Zulip's REST API answers the adapter reads, decoded leniently (a field of the wrong type reads as
/// missing; ids are exact integers or nothing).
enum ZulipWire {
    /// Any answer's fields the adapter reads: `users/me`, `register`, `messages` (sent), and an error's machine-readable
    /// `code` (never the localized `msg`) and `retry-after`.
    struct Answer: Decodable {
        let userID: Int?
        let isBot: Bool?
        let queueID: String?
        let lastEventID: Int?
        let maxMessageID: Int?
        let longPollTimeout: WireNumber?
        let id: Int?
        let code: String?
        let retryAfter: WireNumber?

        private enum CodingKeys: String, CodingKey {
            case userID = "user_id", isBot = "is_bot", queueID = "queue_id", lastEventID = "last_event_id"
            case maxMessageID = "max_message_id", longPollTimeout = "event_queue_longpoll_timeout_seconds", id, code
            case retryAfter = "retry-after"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            userID = container.lenientInteger(.userID)
            isBot = container.lenient(.isBot)
            queueID = container.lenient(.queueID)
            lastEventID = container.lenientInteger(.lastEventID)
            maxMessageID = container.lenientInteger(.maxMessageID)
            longPollTimeout = container.lenient(.longPollTimeout)
            id = container.lenientInteger(.id)
            code = container.lenient(.code)
            retryAfter = container.lenient(.retryAfter)
        }
    }

    /// `GET /events`: the events, `nil` for each one that is not an object.
    struct Events: Decodable {
        let events: [Event?]

        private enum CodingKeys: String, CodingKey { case events }

        init(from decoder: any Decoder) throws {
            events = try decoder.container(keyedBy: CodingKeys.self).decode([Each<Event>].self, forKey: .events)
                .map(\.value)
        }
    }

    struct Event: Decodable {
        let id: Int?
        let type: String?
        /// `nil` when missing or not an object.
        let message: Message?

        private enum CodingKeys: String, CodingKey { case id, type, message }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = container.lenientInteger(.id)
            type = container.lenient(.type)
            message = container.lenient(.message)
        }
    }

    /// `GET /messages`: a page of messages (every one an object, or the page is unreadable).
    struct Messages: Decodable {
        let messages: [Message]
        let foundNewest: Bool?

        private enum CodingKeys: String, CodingKey { case messages, foundNewest = "found_newest" }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            messages = try container.decode([Message].self, forKey: .messages)
            foundNewest = container.lenient(.foundNewest)
        }
    }

    struct Message: Decodable {
        struct Recipient: Decodable {
            let id: Int?

            private enum CodingKeys: String, CodingKey { case id }

            init(from decoder: any Decoder) throws {
                id = try decoder.container(keyedBy: CodingKeys.self).lenientInteger(.id)
            }
        }

        let id: Int?
        let senderID: Int?
        let senderFullName: String?
        let type: String?
        let content: String?
        let timestamp: Int?
        let streamID: Int?
        let subject: String?
        let topic: String?
        /// A direct message's people; `nil` for a channel message (where it is the channel's name).
        let displayRecipient: [Recipient]?

        private enum CodingKeys: String, CodingKey {
            case id, senderID = "sender_id", senderFullName = "sender_full_name", type, content, timestamp
            case streamID = "stream_id", subject, topic, displayRecipient = "display_recipient"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = container.lenientInteger(.id)
            senderID = container.lenientInteger(.senderID)
            senderFullName = container.lenient(.senderFullName)
            type = container.lenient(.type)
            content = container.lenient(.content)
            timestamp = container.lenientInteger(.timestamp)
            streamID = container.lenientInteger(.streamID)
            subject = container.lenient(.subject)
            topic = container.lenient(.topic)
            displayRecipient = container.lenient(.displayRecipient)
        }
    }
}
