public import ChatModel
public import CurlHTTP
import Foundation

/// The Zulip adapter: an event queue long-polled for messages, a cursor that survives the queue's death (the last
/// message id handled, caught up through `GET /messages` after `BAD_EVENT_QUEUE_ID`), replies in the same channel
/// topic or direct conversation, split at Zulip's 10,000-character limit. Zulip has no idempotency key for sending,
/// so the parts already sent for a key are recorded in ``PlatformMemory`` and never sent again.
///
/// Settings: `site` (e.g. `https://chat.example.ac.uk`), `email` (the bot's email) and `api_key_env` (the name of
/// the environment variable holding its API key); optional `catch_up_limit` (default 1000 messages per request).
public actor ZulipPlatform: ChatPlatform {
    public nonisolated let id: String
    public nonisolated let kind = "zulip"
    let site: String
    let authorization: String
    let transport: any HTTPTransport
    let memory: any PlatformMemory
    let catchUpLimit: Int
    /// The bot's user id, from `GET /users/me`.
    var botUserID: Int?
    /// The client-side timeout for one long-poll, from the queue's registration.
    var longPollSeconds: Double = 90

    /// Zulip's limit on a message's length, in Unicode scalars.
    static let messageLimit = 10_000

    public init(
        account: PlatformAccount,
        environment: [String: String],
        transport: any HTTPTransport,
        memory: any PlatformMemory
    ) throws(PlatformError) {
        id = account.id
        var site = try account.require("site")
        while site.hasSuffix("/") { site.removeLast() }
        self.site = site
        let email = try account.require("email")
        guard let key = try account.secret("api_key_env", environment: environment) else {
            throw PlatformError(.fatal, "platform \(account.id): missing setting 'api_key_env'")
        }
        authorization = "Basic " + Data("\(email):\(key)".utf8).base64EncodedString()
        catchUpLimit = min(max(Int(account.settings["catch_up_limit"] ?? "") ?? 1000, 1), 5000)
        self.transport = transport
        self.memory = memory
    }

    // MARK: - ChatPlatform

    public func start() async throws(PlatformError) -> [String] {
        let me = try await call(.get, "/api/v1/users/me")
        guard let userID = me.userID else {
            throw PlatformError(.fatal, "platform \(id): users/me returned no user_id")
        }
        botUserID = userID
        return me.isBot == false
            ? ["the Zulip account is not a bot; create a Generic bot and use its email and API key"] : []
    }

    public func poll(after cursor: String?) async throws(PlatformError) -> PollBatch {
        let bot = try await ownUserID()
        guard let cursor, let position = ZulipCursor(cursor) else {
            // A cold start takes the current position and answers nothing from history.
            let queue = try await register()
            let start = ZulipCursor(
                lastMessageID: queue.maxMessageID,
                queueID: queue.id,
                lastEventID: queue.lastEventID
            )
            return PollBatch(messages: [], cursor: start.encoded)
        }
        if !position.queueID.isEmpty, let events = try await nextEvents(after: position) {
            return batch(from: events, after: position, bot: bot)
        }
        // The queue is gone (garbage-collected after ten idle minutes): a new one, then everything sent meanwhile.
        let queue = try await register()
        var caughtUp = try await catchUp(after: position.lastMessageID, bot: bot)
        caughtUp.cursor.queueID = queue.id
        caughtUp.cursor.lastEventID = queue.lastEventID
        return PollBatch(messages: caughtUp.messages, cursor: caughtUp.cursor.encoded, skipped: caughtUp.skipped)
    }

    public func send(
        _ reply: Reply,
        to conversationID: String,
        replyingTo message: ReplyContext?,
        idempotencyKey: String
    ) async throws(PlatformError) {
        guard let conversation = ZulipConversation(conversationID) else {
            throw PlatformError(.rejected, "platform \(id): not a Zulip conversation id")
        }
        var fields: [(String, String)]
        switch conversation {
        case .stream(let stream, let topic):
            fields = [("type", "stream"), ("to", "\(stream)"), ("topic", topic)]
        case .direct(let userIDs):
            fields = [("type", "private"), ("to", "[" + userIDs.map(String.init).joined(separator: ",") + "]")]
        }
        let parts = ReplySplitter.split(reply.text, limit: Self.messageLimit, render: ZulipMarkdown.render)
        try await memory.sendEachPartOnce(parts, idempotencyKey: idempotencyKey) { _, part throws(PlatformError) in
            let sent = try await call(.post, "/api/v1/messages", form: fields + [("content", part)])
            return sent.id.map(String.init)
        }
    }

    public func openDirectConversation(with userID: String) async throws(PlatformError) -> String {
        guard let user = Int(userID) else {
            throw PlatformError(.rejected, "platform \(id): a Zulip user is a numeric user id")
        }
        return ZulipConversation.direct(userIDs: [user]).id
    }

    // MARK: - Receiving

    struct Queue {
        let id: String
        let lastEventID: Int
        let maxMessageID: Int
    }

    private func ownUserID() async throws(PlatformError) -> Int {
        if let botUserID { return botUserID }
        _ = try await start()
        return botUserID ?? 0
    }

    private func register() async throws(PlatformError) -> Queue {
        let response = try await call(
            .post,
            "/api/v1/register",
            form: [("event_types", #"["message"]"#), ("apply_markdown", "false")]
        )
        guard let queueID = response.queueID, let lastEventID = response.lastEventID else {
            throw PlatformError(.transient, "platform \(id): register returned no queue")
        }
        if let timeout = response.longPollTimeout?.seconds {
            longPollSeconds = timeout  // from the server: clamped to 0…3600 s
        }
        return Queue(id: queueID, lastEventID: lastEventID, maxMessageID: response.maxMessageID ?? 0)
    }

    /// The next events after `position`, or `nil` when the queue no longer exists.
    private func nextEvents(after position: ZulipCursor) async throws(PlatformError) -> [ZulipWire.Event?]? {
        let response = try await perform(
            .get,
            "/api/v1/events",
            query: [("queue_id", position.queueID), ("last_event_id", "\(position.lastEventID)")],
            timeout: longPollSeconds + 15
        )
        if response.code == "BAD_EVENT_QUEUE_ID" { return nil }
        // One event that is not an object is skipped on its own (`nil` here), never the whole batch.
        let answer: ZulipWire.Events = try check(
            response,
            path: "/api/v1/events",
            what: "events response without events"
        )
        return answer.events.map(\.value)
    }

    private func batch(from events: [ZulipWire.Event?], after position: ZulipCursor, bot: Int) -> PollBatch {
        var next = position
        var messages: [InboundMessage] = []
        var skipped: [String] = []
        for event in events {
            guard let event else {
                skipped.append("event ? (not an object)")
                continue
            }
            let eventID = event.id
            if let eventID { next.lastEventID = max(next.lastEventID, eventID) }
            guard event.type == "message" else { continue }  // heartbeats and other events
            let fallback = "event \(eventID.map(String.init) ?? "?")"
            guard let message = event.message else {
                skipped.append(fallback)
                continue
            }
            Self.take(
                ZulipConversation.read(message, bot: bot, fallbackID: fallback),
                after: position.lastMessageID,
                cursor: &next.lastMessageID,
                messages: &messages,
                skipped: &skipped
            )
        }
        return PollBatch(messages: messages, cursor: next.encoded, skipped: skipped)
    }

    /// Every message after `lastMessageID`, oldest first, through `GET /messages`.
    private func catchUp(
        after lastMessageID: Int,
        bot: Int
    ) async throws(PlatformError) -> (messages: [InboundMessage], skipped: [String], cursor: ZulipCursor) {
        var cursor = ZulipCursor(lastMessageID: lastMessageID, queueID: "", lastEventID: -1)
        var messages: [InboundMessage] = []
        var skipped: [String] = []
        var foundNewest = false
        while !foundNewest {
            let page: ZulipWire.Messages = try await call(
                .get,
                "/api/v1/messages",
                query: [
                    ("anchor", "\(cursor.lastMessageID)"), ("include_anchor", "false"), ("num_before", "0"),
                    ("num_after", "\(catchUpLimit)"), ("apply_markdown", "false"),
                ],
                what: "messages response without messages"
            )
            let before = cursor.lastMessageID
            for message in page.messages {
                Self.take(
                    ZulipConversation.read(message, bot: bot, fallbackID: "message without id"),
                    after: cursor.lastMessageID,
                    cursor: &cursor.lastMessageID,
                    messages: &messages,
                    skipped: &skipped
                )
            }
            // Stop when the server says so, or when a page moved nothing (never loop on a stuck anchor).
            foundNewest = (page.foundNewest ?? true) || cursor.lastMessageID == before
        }
        return (messages, skipped, cursor)
    }

    /// One message read, taken: a person's message after `handled` joins `messages`, a malformed one is listed in
    /// `skipped`, and every id read moves `cursor` past it (so a bad message is reported once, not on every poll).
    private static func take(
        _ reading: ZulipConversation.Reading,
        after handled: Int,
        cursor: inout Int,
        messages: inout [InboundMessage],
        skipped: inout [String]
    ) {
        switch reading {
        case .person(let inbound):
            guard let messageID = Int(inbound.messageID), messageID > handled else { return }
            cursor = max(cursor, messageID)
            messages.append(inbound)
        case .own(let messageID):
            cursor = max(cursor, messageID)
        case .malformed(let id):
            if let messageID = Int(id) { cursor = max(cursor, messageID) }
            skipped.append(id)
        }
    }
}
