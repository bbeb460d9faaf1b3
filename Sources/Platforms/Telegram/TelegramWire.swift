/// The parts of the Telegram Bot API's responses the adapter reads, decoded leniently: a field of the wrong type
/// reads as missing (or, where it matters, as present but unreadable), ids are exact 64-bit integers or nothing.
enum TelegramWire {
    /// `{"ok": …, "result": …}` or `{"ok": false, "error_code": …, "description": …, "parameters": …}`.
    struct Envelope<Result: Decodable>: Decodable {
        let ok: Bool
        let result: Result?
        let errorCode: Int64?
        let description: String?
        let retryAfter: WireNumber?
        let migrateToChatID: Int64?

        private enum CodingKeys: String, CodingKey {
            case ok, result, errorCode = "error_code", description, parameters
        }
        private enum ParameterKeys: String, CodingKey {
            case retryAfter = "retry_after", migrateToChatID = "migrate_to_chat_id"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            ok = container.lenient(.ok) ?? false
            result = container.lenient(.result)
            errorCode = container.lenient(.errorCode, as: WireNumber.self)?.int64
            description = container.lenient(.description)
            let parameters = try? container.nestedContainer(keyedBy: ParameterKeys.self, forKey: .parameters)
            retryAfter = parameters?.lenient(.retryAfter)
            migrateToChatID = parameters?.lenient(.migrateToChatID, as: WireNumber.self)?.int64
        }
    }

    /// `getMe`.
    struct Me: Decodable {
        let id: Int64?
        let canReadAllGroupMessages: Bool?

        private enum CodingKeys: String, CodingKey {
            case id, canReadAllGroupMessages = "can_read_all_group_messages"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = container.lenient(.id, as: WireNumber.self)?.int64
            canReadAllGroupMessages = container.lenient(.canReadAllGroupMessages)
        }
    }

    /// `getWebhookInfo`.
    struct WebhookInfo: Decodable {
        let url: String?

        private enum CodingKeys: String, CodingKey { case url }

        init(from decoder: any Decoder) throws {
            url = try decoder.container(keyedBy: CodingKeys.self).lenient(.url)
        }
    }

    /// One `Update` from `getUpdates`.
    struct Update: Decodable {
        let updateID: Int64?
        let message: WireField<Message>
        let callbackQuery: WireField<CallbackQuery>

        private enum CodingKeys: String, CodingKey {
            case updateID = "update_id", message, callbackQuery = "callback_query"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            updateID = container.lenient(.updateID, as: WireNumber.self)?.int64
            message = container.field(.message)
            callbackQuery = container.field(.callbackQuery)
        }
    }

    struct Message: Decodable {
        let chat: Chat?
        let messageID: Int64?
        let date: Int64?
        let from: WireField<User>
        let text: WireField<String>
        let isTopicMessage: Bool
        let messageThreadID: Int64?

        private enum CodingKeys: String, CodingKey {
            case chat, messageID = "message_id", date, from, text, isTopicMessage = "is_topic_message"
            case messageThreadID = "message_thread_id"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            chat = container.lenient(.chat)
            messageID = container.lenient(.messageID, as: WireNumber.self)?.int64
            date = container.lenient(.date, as: WireNumber.self)?.int64
            from = container.field(.from)
            text = container.field(.text)
            isTopicMessage = container.lenient(.isTopicMessage) ?? false
            messageThreadID = container.lenient(.messageThreadID, as: WireNumber.self)?.int64
        }
    }

    struct Chat: Decodable {
        let id: Int64?
        let type: String?

        private enum CodingKeys: String, CodingKey { case id, type }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = container.lenient(.id, as: WireNumber.self)?.int64
            type = container.lenient(.type)
        }
    }

    struct User: Decodable {
        let id: Int64?
        let isBot: Bool
        let firstName: String?
        let lastName: String?
        let username: String?

        private enum CodingKeys: String, CodingKey {
            case id, isBot = "is_bot", firstName = "first_name", lastName = "last_name", username
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = container.lenient(.id, as: WireNumber.self)?.int64
            isBot = container.lenient(.isBot) ?? false
            firstName = container.lenient(.firstName)
            lastName = container.lenient(.lastName)
            username = container.lenient(.username)
        }
    }

    struct CallbackQuery: Decodable {
        let id: String?
        let from: User?
        let message: Message?
        let data: String?

        private enum CodingKeys: String, CodingKey { case id, from, message, data }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = container.lenient(.id)
            from = container.lenient(.from)
            message = container.lenient(.message)
            data = container.lenient(.data)
        }
    }

    /// `sendMessage`'s result: the message sent.
    struct Sent: Decodable {
        let messageID: Int64?

        private enum CodingKeys: String, CodingKey { case messageID = "message_id" }

        init(from decoder: any Decoder) throws {
            messageID = try decoder.container(keyedBy: CodingKeys.self).lenient(.messageID, as: WireNumber.self)?.int64
        }
    }
}
