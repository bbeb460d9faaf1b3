/// The Bot API parameters the adapter sends, typed (JSON bodies).
enum TelegramRequests {
    /// `getUpdates`.
    struct Updates: Encodable {
        let offset: Int64
        let timeout: Int
        let allowedUpdates: [String]

        enum CodingKeys: String, CodingKey {
            case offset
            case timeout
            case allowedUpdates = "allowed_updates"
        }
    }

    /// `answerCallbackQuery`.
    struct AnswerCallback: Encodable {
        let callbackQueryID: String

        enum CodingKeys: String, CodingKey { case callbackQueryID = "callback_query_id" }
    }

    /// A chat id: a number, or a `@channelusername` the configuration named.
    enum ChatID: Encodable {
        case number(Int64)
        case name(String)

        init(_ text: String) { self = Int64(text).map(ChatID.number) ?? .name(text) }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .name(let name): try container.encode(name)
            }
        }
    }

    /// `sendMessage` in `parse_mode: HTML`, link previews off.
    struct SendMessage: Encodable {
        struct LinkPreview: Encodable {
            let isDisabled = true

            enum CodingKeys: String, CodingKey { case isDisabled = "is_disabled" }
        }

        struct ReplyParameters: Encodable {
            let messageID: Int64
            let allowSendingWithoutReply = true

            enum CodingKeys: String, CodingKey {
                case messageID = "message_id"
                case allowSendingWithoutReply = "allow_sending_without_reply"
            }
        }

        struct Button: Encodable {
            let text: String
            let callbackData: String

            enum CodingKeys: String, CodingKey {
                case text
                case callbackData = "callback_data"
            }
        }

        struct Keyboard: Encodable {
            let inlineKeyboard: [[Button]]

            enum CodingKeys: String, CodingKey { case inlineKeyboard = "inline_keyboard" }
        }

        let chatID: ChatID
        let text: String
        let parseMode = "HTML"
        let linkPreviewOptions = LinkPreview()
        var messageThreadID: Int64?
        var replyParameters: ReplyParameters?
        var replyMarkup: Keyboard?

        enum CodingKeys: String, CodingKey {
            case chatID = "chat_id"
            case text
            case parseMode = "parse_mode"
            case linkPreviewOptions = "link_preview_options"
            case messageThreadID = "message_thread_id"
            case replyParameters = "reply_parameters"
            case replyMarkup = "reply_markup"
        }
    }
}
