/// The parts of the Telegram Bot API's responses the adapter reads, decoded leniently: a field of the wrong type
/// reads as missing (or, where it matters, as present but unreadable), ids are exact 64-bit integers or nothing.
enum TelegramWire {
    /// `{"ok": …, "result": …}` or `{"ok": false, "error_code": …, "description": …, "parameters": …}`.
    struct Envelope<Result: Decodable>: Decodable {
        struct Parameters: Decodable {
            @Lenient var retryAfter: WireNumber?
            @LenientInteger var migrateToChatID: Int64?

            private enum CodingKeys: String, CodingKey {
                case retryAfter = "retry_after"
                case migrateToChatID = "migrate_to_chat_id"
            }
        }

        @Lenient var ok: Bool?
        @Lenient var result: Result?
        @LenientInteger var errorCode: Int64?
        @Lenient var description: String?
        @Lenient var parameters: Parameters?

        private enum CodingKeys: String, CodingKey {
            case ok
            case result
            case errorCode = "error_code"
            case description
            case parameters
        }
    }

    /// `getMe`.
    struct Me: Decodable {
        @LenientInteger var id: Int64?
        @Lenient var canReadAllGroupMessages: Bool?

        private enum CodingKeys: String, CodingKey {
            case id
            case canReadAllGroupMessages = "can_read_all_group_messages"
        }
    }

    /// `getWebhookInfo`.
    struct WebhookInfo: Decodable {
        @Lenient var url: String?
    }

    /// One `Update` from `getUpdates`.
    struct Update: Decodable {
        @LenientInteger var updateID: Int64?
        let message: WireField<Message>
        let callbackQuery: WireField<CallbackQuery>

        private enum CodingKeys: String, CodingKey {
            case updateID = "update_id"
            case message
            case callbackQuery = "callback_query"
        }
    }

    struct Message: Decodable {
        @Lenient var chat: Chat?
        @LenientInteger var messageID: Int64?
        @LenientInteger var date: Int64?
        let from: WireField<User>
        let text: WireField<String>
        @Lenient var isTopicMessage: Bool?
        @LenientInteger var messageThreadID: Int64?

        private enum CodingKeys: String, CodingKey {
            case chat
            case messageID = "message_id"
            case date
            case from
            case text
            case isTopicMessage = "is_topic_message"
            case messageThreadID = "message_thread_id"
        }
    }

    struct Chat: Decodable {
        @LenientInteger var id: Int64?
        @Lenient var type: String?
    }

    struct User: Decodable {
        @LenientInteger var id: Int64?
        @Lenient var isBot: Bool?
        @Lenient var firstName: String?
        @Lenient var lastName: String?
        @Lenient var username: String?

        private enum CodingKeys: String, CodingKey {
            case id
            case isBot = "is_bot"
            case firstName = "first_name"
            case lastName = "last_name"
            case username
        }
    }

    struct CallbackQuery: Decodable {
        @Lenient var id: String?
        @Lenient var from: User?
        @Lenient var message: Message?
        @Lenient var data: String?
    }

    /// `sendMessage`'s result: the message sent.
    struct Sent: Decodable {
        @LenientInteger var messageID: Int64?

        private enum CodingKeys: String, CodingKey { case messageID = "message_id" }
    }
}
