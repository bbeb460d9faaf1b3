public import ChatModel
public import CurlHTTP
import Foundation

/// The Slack adapter behind the webhook relay: Slack pushes Events API deliveries to the relay (in the DMZ), this
/// adapter long-polls the relay for them (source `slack`) and replies directly with `chat.postMessage` over libcurl.
/// Replies are `mrkdwn`, split at 3000 characters, in the thread of a channel question; quick replies are Block Kit
/// buttons whose value is the suggestion's payload (taps reach the relay as interactivity payloads).
///
/// Slack has no idempotency key, so each sent part is recorded in ``PlatformMemory`` under its key, as Telegram's
/// adapter does. HTTP 429 is waited out for `Retry-After` seconds.
///
/// Settings: `relay_url`, `relay_token_env`, `bot_token_env` (the `xoxb-` token), optional `api_base` (default
/// `https://slack.com/api`) and `poll_timeout_seconds` (default 25). Scopes: `chat:write`, `im:write`, `im:history`,
/// `channels:history`, `app_mentions:read`.
public actor SlackPlatform: ChatPlatform {
    public nonisolated let id: String
    public nonisolated let kind = "slack"
    let relay: RelayFeed
    let apiBase: String
    let token: String
    let transport: any HTTPTransport
    let memory: any PlatformMemory
    /// The bot's own user id, from `auth.test`.
    private(set) var botUserID: String?

    public init(
        account: PlatformAccount,
        environment: [String: String],
        transport: any HTTPTransport,
        memory: any PlatformMemory
    ) throws(PlatformError) {
        id = account.id
        relay = try RelayFeed(account: account, environment: environment, sources: ["slack"], transport: transport)
        guard let token = try account.secret("bot_token_env", environment: environment) else {
            throw PlatformError(.fatal, "platform \(account.id): missing setting 'bot_token_env'")
        }
        self.token = token
        var base = account.settings["api_base"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://slack.com/api"
        while base.hasSuffix("/") { base.removeLast() }
        apiBase = base
        self.transport = transport
        self.memory = memory
    }

    // MARK: - ChatPlatform

    public func start() async throws(PlatformError) -> [String] {
        let me = try await call("auth.test", EmptyJSONObject())
        botUserID = me.userID
        return []
    }

    public func poll(after cursor: String?) async throws(PlatformError) -> PollBatch {
        let bot = botUserID
        return try await relay.poll(after: cursor, as: SlackWire.Payload.self) { _, payload in
            switch SlackEvent.read(payload, botUserID: bot) {
            case .message(let message): .message(message)
            case .ignored: .ignored
            case .malformed: .malformed
            }
        }
    }

    public func send(
        _ reply: Reply,
        to conversationID: String,
        replyingTo message: ReplyContext?,
        idempotencyKey: String
    ) async throws(PlatformError) {
        let parts = TextSplitter.parts(SlackText.mrkdwn(reply.text), limit: SlackText.limit)
        try await memory.sendEachPartOnce(parts, idempotencyKey: idempotencyKey) { index, text throws(PlatformError) in
            var body = SlackRequests.PostMessage(channel: conversationID, text: text)
            body.threadTS = message?.threadID
            if index == parts.count - 1, !reply.suggestions.isEmpty {
                body.blocks = Self.blocks(text, reply.suggestions)
            }
            return try await call("chat.postMessage", body).ts
        }
    }

    /// `conversations.open` with the user gives the direct-message channel (`D…`); remembered per user.
    public func openDirectConversation(with userID: String) async throws(PlatformError) -> String {
        if let known = memory.value("dm:\(userID)") { return known }
        let opened = try await call("conversations.open", SlackRequests.OpenConversation(users: userID))
        guard let channel = opened.channel?.id else {
            throw PlatformError(.transient, "platform \(id): conversations.open returned no channel")
        }
        memory.setValue(channel, "dm:\(userID)")
        return channel
    }

    // MARK: - Pieces

    /// The text as a section, then one button per suggestion (value: its payload).
    static func blocks(_ text: String, _ suggestions: [Reply.Suggestion]) -> [SlackRequests.Block] {
        let buttons = suggestions.enumerated().map { index, suggestion in
            SlackRequests.Block.Button(
                text: .init(type: "plain_text", text: String(suggestion.title.prefix(75))),
                value: suggestion.payload.rawValue,
                actionID: "suggestion-\(index + 1)"
            )
        }
        return [
            .init(type: "section", text: .init(type: "mrkdwn", text: text)),
            .init(type: "actions", elements: buttons),
        ]
    }

    /// One Web API call (POST, JSON, bearer token): the response object when `ok`, or a classified error.
    private func call(_ method: String, _ body: some Encodable) async throws(PlatformError) -> SlackWire.Answer {
        let request = HTTPRequest(
            method: .post,
            url: "\(apiBase)/\(method)",
            headers: [
                ("Authorization", "Bearer \(token)"), ("Content-Type", "application/json; charset=utf-8"),
                ("Accept", "application/json"),
            ],
            body: WireJSON.encode(body),
            timeout: 30
        )
        let response = try await transport.perform(request, context: "platform \(id): \(method)")
        let answer = WireJSON.decode(SlackWire.Answer.self, from: response.body)
        if response.isSuccess, let answer, answer.ok == true { return answer }
        throw SlackAPIError.classify(
            status: response.status,
            error: answer?.error,
            retryAfter: response.retryAfterSeconds,
            method: method,
            account: id
        )
    }
}
