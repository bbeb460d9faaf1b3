public import ChatModel
public import CurlHTTP
import Foundation

/// The Telegram adapter: `getUpdates` long-poll (the cursor is the next `offset`), replies with `sendMessage` in
/// `parse_mode: HTML`, split at 4096 visible characters, threaded as replies (and kept in forum topics), quick replies
/// as an inline keyboard whose buttons send back the payload the reply gave them.
///
/// Telegram has no idempotency key, so each sent part is recorded in ``PlatformMemory`` under its key and a retried
/// send posts only the parts not recorded. A send whose response was lost (a timeout after Telegram accepted it) can
/// still post twice: nothing on the API can tell.
///
/// Settings: `token_env` (the environment variable holding the BotFather token), optional `api_base` (default
/// `https://api.telegram.org`) and `poll_timeout_seconds` (default 25). The token travels in the URL path
/// (`/bot<token>/<method>`) and is scrubbed from every error this adapter builds.
///
/// A bot can message a person only after they have pressed Start in a private chat with it; in groups, privacy mode
/// (on by default) lets it see only commands, replies to it and mentions (BotFather `/setprivacy` turns it off).
public actor TelegramPlatform: ChatPlatform {
    public nonisolated let id: String
    public nonisolated let kind = "telegram"
    let apiBase: String
    let token: String
    let transport: any HTTPTransport
    let memory: any PlatformMemory
    /// The time, from outside (tests fix it).
    let clock: UnixClock
    let pollTimeoutSeconds: Int
    /// The bot's own user id, from `getMe`.
    private(set) var botID: Int64?

    static let allowedUpdates = ["message", "callback_query"]

    public init(
        account: PlatformAccount,
        environment: [String: String],
        transport: any HTTPTransport,
        memory: any PlatformMemory,
        clock: UnixClock = .system
    ) throws(PlatformError) {
        id = account.id
        var base = account.settings["api_base"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://api.telegram.org"
        while base.hasSuffix("/") { base.removeLast() }
        apiBase = base
        guard let token = try account.secret("token_env", environment: environment) else {
            throw PlatformError(.fatal, "platform \(account.id): missing setting 'token_env'")
        }
        self.token = token
        pollTimeoutSeconds = min(max(0, Int(account.settings["poll_timeout_seconds"] ?? "") ?? 25), 600)
        self.transport = transport
        self.memory = memory
        self.clock = clock
    }

    // MARK: - ChatPlatform

    public func start() async throws(PlatformError) -> [String] {
        let me: TelegramWire.Me = try await call("getMe", EmptyJSONObject())
        guard let botID = me.id else { throw failure(.transient, "getMe returned no bot id") }
        self.botID = botID
        let webhook: TelegramWire.WebhookInfo = try await call("getWebhookInfo", EmptyJSONObject())
        if let url = webhook.url, !url.isEmpty {
            // The URL itself is not shown: webhook URLs often carry a secret path.
            throw failure(
                .fatal,
                "a webhook is set for this bot, so getUpdates cannot be used. If this bot should poll, remove the "
                    + "webhook: curl -X POST https://api.telegram.org/bot<TOKEN>/deleteWebhook"
            )
        }
        var warnings: [String] = []
        if me.canReadAllGroupMessages == false {
            warnings.append(
                "privacy mode is on: in groups the bot sees only commands, replies to it and mentions. To answer "
                    + "questions asked in groups, turn it off with BotFather /setprivacy (then re-add the bot)"
            )
        }
        return warnings
    }

    public func poll(after cursor: String?) async throws(PlatformError) -> PollBatch {
        guard let cursor, let offset = Int64(cursor) else {
            // A cold start keeps only the newest pending update (offset -1 forgets the rest) and answers nothing:
            // the cursor just after it is confirmed by the next poll.
            let newest = try await updates(offset: -1, timeout: 0)
            let last = newest.compactMap { $0?.updateID }.max()
            return PollBatch(messages: [], cursor: String(last.map { min($0, Int64.max - 1) + 1 } ?? 0))
        }
        // Calling with `offset` confirms every update before it; the ones from `offset` on stay until a later poll
        // with a higher offset, so a poll from an uncommitted cursor replays them.
        let batch = try await updates(offset: offset, timeout: pollTimeoutSeconds)
        var messages: [InboundMessage] = []
        var skipped: [String] = []
        var next = offset
        let now = clock.seconds
        for update in batch {
            guard let update, let updateID = update.updateID else {
                skipped.append("(no update_id)")
                continue
            }
            next = max(next, min(updateID, Int64.max - 1) + 1)  // an absurd id must not overflow
            switch TelegramUpdate.read(update, now: now) {
            case .message(let message):
                messages.append(message)
            case .callback(let message, let queryID):
                await answerCallback(queryID)
                if let message { messages.append(message) }
            case .ignored:
                break
            case .malformed:
                skipped.append(String(updateID))
            }
        }
        return PollBatch(messages: messages, cursor: String(next), skipped: skipped)
    }

    public func send(
        _ reply: Reply,
        to conversationID: String,
        replyingTo message: ReplyContext?,
        idempotencyKey: String
    ) async throws(PlatformError) {
        let parts = TelegramHTML.parts(reply.text)
        try await memory.sendEachPartOnce(parts, idempotencyKey: idempotencyKey) { index, html throws(PlatformError) in
            var body = TelegramRequests.SendMessage(chatID: .init(conversationID), text: html)
            body.messageThreadID = message?.threadID.flatMap(Int64.init)
            if index == 0, let replyTo = Self.repliedMessageID(message, in: conversationID) {
                body.replyParameters = .init(messageID: replyTo)
            }
            if index == parts.count - 1, !reply.suggestions.isEmpty {
                body.replyMarkup = Self.keyboard(reply.suggestions)
            }
            let sent: TelegramWire.Sent = try await call("sendMessage", body)
            return sent.messageID.map(String.init)
        }
    }

    /// The private chat with a user has the user's id. It exists only once they have pressed Start in a chat with
    /// the bot; until then a send there is refused (403, `.rejected`).
    public func openDirectConversation(with userID: String) async throws(PlatformError) -> String {
        guard let user = Int64(userID), user > 0 else {
            throw failure(.rejected, "'\(userID)' is not a Telegram user id")
        }
        return String(user)
    }

    // MARK: - Pieces

    /// The pending updates, `nil` for each one that is not an object.
    private func updates(offset: Int64, timeout: Int) async throws(PlatformError) -> [TelegramWire.Update?] {
        let list: [Each<TelegramWire.Update>] = try await call(
            "getUpdates",
            TelegramRequests.Updates(offset: offset, timeout: timeout, allowedUpdates: Self.allowedUpdates),
            timeout: Double(timeout) + 15
        )
        return list.map(\.value)
    }

    /// Stops the client's spinner on the tapped button; best effort (an old query, replayed, is refused).
    private func answerCallback(_ queryID: String) async {
        let _: AnyJSONValue? = try? await call(
            "answerCallbackQuery",
            TelegramRequests.AnswerCallback(callbackQueryID: queryID)
        )
    }

    /// The message id to reply to, when the answered message is a message of this chat (not a button tap).
    static func repliedMessageID(_ context: ReplyContext?, in conversationID: String) -> Int64? {
        guard let parts = context?.messageID.split(separator: ":"), parts.count == 2, parts[0] == conversationID else {
            return nil
        }
        return Int64(parts[1])
    }

    /// One button per suggestion; a tap sends back the suggestion's payload, unchanged.
    static func keyboard(_ suggestions: [Reply.Suggestion]) -> TelegramRequests.SendMessage.Keyboard {
        .init(
            inlineKeyboard: suggestions.map { suggestion in
                [.init(text: buttonTitle(suggestion.title), callbackData: suggestion.payload.rawValue)]
            }
        )
    }

    static func buttonTitle(_ title: String) -> String {
        title.count <= 40 ? title : title.prefix(39).trimmingCharacters(in: .whitespaces) + "…"
    }

    // MARK: - HTTP

    /// One Bot API call (POST, JSON): the `result` of `{"ok": true, "result": …}`, or a classified error.
    private func call<Result: Decodable>(
        _ method: String,
        _ parameters: some Encodable,
        timeout: Double = 30
    ) async throws(PlatformError) -> Result {
        let body = WireJSON.encode(parameters)
        let request = HTTPRequest(
            method: .post,
            url: "\(apiBase)/bot\(token)/\(method)",
            headers: [("Content-Type", "application/json"), ("Accept", "application/json")],
            body: body,
            timeout: timeout
        )
        let response: HTTPResponse
        do {
            response = try await transport.perform(request, context: method)
        } catch {
            throw failure(error.kind, error.message)  // the URL holds the token: scrubbed
        }
        let envelope = WireJSON.decode(TelegramWire.Envelope<Result>.self, from: response.body)
        if response.isSuccess {
            guard let envelope, envelope.ok == true, let result = envelope.result else {
                throw failure(.transient, "\(method): malformed response")
            }
            return result
        }
        let error = TelegramAPIError.classify(
            status: response.status,
            envelope: envelope,
            retryAfterHeader: response.retryAfterSeconds,
            method: method,
            account: id
        )
        throw PlatformError(error.kind, scrub(error.message))
    }

    /// An error for this account, with the token scrubbed from its message.
    private func failure(_ kind: PlatformError.Kind, _ message: String) -> PlatformError {
        PlatformError(kind, scrub("platform \(id): \(message)"))
    }

    private func scrub(_ message: String) -> String {
        token.isEmpty ? message : message.replacing(token, with: "<token>")
    }
}
