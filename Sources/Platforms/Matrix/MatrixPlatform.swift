public import ChatModel
public import CurlHTTP
import Foundation

/// The Matrix adapter: `/sync` long-poll with a server-side filter, invites auto-joined, direct rooms detected,
/// replies as `m.notice` with plain and HTML bodies (threaded when the question was in a thread), `txnId` derived
/// from the answered event so a retried send never double-posts.
///
/// Settings: `homeserver`, `user_id`, and `access_token_env` or `password_env` (the names of environment variables);
/// optional `invite_allow` (comma-separated user ids or `:server` suffixes allowed to invite the bot) and
/// `poll_timeout_ms` (default 30000).
public actor MatrixPlatform: ChatPlatform {
    public nonisolated let id: String
    public nonisolated let kind = "matrix"
    let homeserver: String
    let userID: String
    let password: String?
    var accessToken: String?
    let transport: any HTTPTransport
    let memory: any PlatformMemory
    /// The time, from outside (tests fix it).
    let clock: UnixClock
    let pollTimeoutMilliseconds: Int
    let inviteAllow: [String]
    var filterID: String?
    let notices: PlatformNotices

    public init(
        account: PlatformAccount,
        environment: [String: String],
        transport: any HTTPTransport,
        memory: any PlatformMemory,
        clock: UnixClock = .system
    ) throws(PlatformError) {
        id = account.id
        var server = try account.require("homeserver")
        while server.hasSuffix("/") { server.removeLast() }
        homeserver = server
        userID = try account.require("user_id")
        accessToken = try account.secret("access_token_env", environment: environment)
        password = try account.secret("password_env", environment: environment)
        guard accessToken != nil || password != nil else {
            throw PlatformError(.fatal, "platform \(account.id): set access_token_env or password_env")
        }
        pollTimeoutMilliseconds = min(max(0, Int(account.settings["poll_timeout_ms"] ?? "") ?? 30_000), 600_000)
        inviteAllow = (account.settings["invite_allow"] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        self.transport = transport
        self.memory = memory
        self.clock = clock
        notices = account.notices
    }

    // MARK: - ChatPlatform

    public func start() async throws(PlatformError) -> [String] {
        if accessToken == nil { try await login() }
        let whoami = try await call(.get, "/_matrix/client/v3/account/whoami")
        guard whoami.userID == userID else {
            throw PlatformError(.fatal, "platform \(id): the access token belongs to another user")
        }
        let created = try await call(
            .post,
            "/_matrix/client/v3/user/\(Self.escapePath(userID))/filter",
            body: MatrixRequests.Filter(bot: userID)
        )
        filterID = created.filterID
        return await rateLimitWarnings()
    }

    public func poll(after cursor: String?) async throws(PlatformError) -> PollBatch {
        guard let cursor else {
            // A cold start takes the current position and answers nothing from history. Synapse answers a repeated
            // /sync request from a cache for a while (initial syncs included), which would hand back an old position
            // and so old messages: an initial sync returns at once whatever its timeout, so a random one makes the
            // request new (found by the shared conformance suite).
            let initial = try await sync(since: nil, timeout: Int.random(in: 1...999))
            await joinInvites(initial)
            return PollBatch(messages: [], cursor: try Self.nextBatch(initial))
        }
        let response = try await sync(since: cursor, timeout: pollTimeoutMilliseconds)
        await joinInvites(response)
        // (server time in ms, room order, timeline position): rooms are merged by time, each room's timeline order
        // kept (two messages of one second must not swap).
        var ordered: [(millis: Double, room: Int, position: Int, message: InboundMessage)] = []
        var skipped: [String] = []
        for (roomIndex, (roomID, room)) in response.joined.sorted(by: { $0.key < $1.key }).enumerated() {
            // An event that is not an object is skipped on its own, never its room's whole timeline.
            var events = room.events.compactMap(\.self)
            skipped += Array(repeating: "(an event that is not an object)", count: room.events.count - events.count)
            if room.limited, let previous = room.previousBatch {
                events = await backfill(roomID, from: previous) + events
            }
            for (position, event) in events.enumerated() {
                if let message = await inbound(event, roomID: roomID) {
                    ordered.append((event.originServerTS?.number ?? 0, roomIndex, position, message))
                } else if Self.isMalformedMessage(event, bot: userID) {
                    skipped.append(event.eventID ?? "(no event id)")
                }
            }
        }
        ordered.sort { ($0.millis, $0.room, $0.position) < ($1.millis, $1.room, $1.position) }
        let messages = ordered.map(\.message)
        return PollBatch(messages: messages, cursor: try Self.nextBatch(response), skipped: skipped)
    }

    /// A message event from someone else that could not be read (no body, wrong types).
    static func isMalformedMessage(_ event: MatrixWire.Event, bot: String) -> Bool {
        guard event.type == "m.room.message", event.sender != bot else { return false }
        guard let content = event.content else { return true }
        if let msgtype = content.msgtype, msgtype != "m.text" { return false }
        return content.body == nil || event.eventID == nil || event.sender == nil
    }

    /// Characters of Markdown per message: a Matrix event is at most 64 KiB, and the body goes twice (plain and
    /// HTML), so even text of four-byte characters fits.
    static let messageLimit = 6_000

    public func send(
        _ reply: Reply,
        to conversationID: String,
        replyingTo message: ReplyContext?,
        idempotencyKey: String
    ) async throws(PlatformError) {
        let parts = ReplySplitter.split(reply.text, limit: Self.messageLimit) { $0 }
        for (index, part) in parts.enumerated() {
            var notice = MatrixRequests.Notice(body: MatrixHTML.plain(part), formattedBody: MatrixHTML.html(part))
            if let message, !message.messageID.isEmpty {
                let inReplyTo = MatrixRequests.Notice.InReplyTo(eventID: message.messageID)
                if let thread = message.threadID {
                    notice.relation = .init(
                        relType: "m.thread",
                        eventID: thread,
                        isFallingBack: true,
                        inReplyTo: inReplyTo
                    )
                } else if index == 0 {
                    notice.relation = .init(inReplyTo: inReplyTo)
                }
            }
            // The transaction id makes each part idempotent: a retried send is one event per part.
            let key = index == 0 ? idempotencyKey : "\(idempotencyKey)#\(index + 1)"
            let path =
                "/_matrix/client/v3/rooms/\(Self.escapePath(conversationID))/send/m.room.message/"
                + Self.transactionID(key)
            _ = try await call(.put, path, body: notice)
        }
    }

    public func openDirectConversation(with user: String) async throws(PlatformError) -> String {
        if let known = memory.value("dm:\(user)") { return known }
        let created = try await call(
            .post,
            "/_matrix/client/v3/createRoom",
            body: MatrixRequests.DirectRoom(invite: [user])
        )
        guard let roomID = created.roomID else {
            throw PlatformError(.transient, "platform \(id): createRoom returned no room_id")
        }
        memory.setValue(roomID, "dm:\(user)")
        memory.setValue("yes", "direct:\(roomID)")
        return roomID
    }

    /// Seconds before joining a room within which a message is still answered.
    static let historyGrace: Int64 = 120

    static func escapePath(_ segment: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }

    /// A transaction id from an idempotency key: the same key always gives the same id.
    static func transactionID(_ key: String) -> String {
        String(
            key.unicodeScalars.map {
                CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" ? Character($0) : "_"
            }
        )
    }
}
