public import AssistantCore
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
    let pollTimeoutMilliseconds: Int
    let inviteAllow: [String]
    var filterID: String?

    public init(
        account: PlatformAccount,
        environment: [String: String],
        transport: any HTTPTransport,
        memory: any PlatformMemory
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
    }

    // MARK: - ChatPlatform

    public func start() async throws(PlatformError) -> [String] {
        if accessToken == nil { try await login() }
        let whoami = try await call(.get, "/_matrix/client/v3/account/whoami")
        guard whoami["user_id"] as? String == userID else {
            throw PlatformError(.fatal, "platform \(id): the access token belongs to another user")
        }
        let filter: [String: Any] = [
            "room": [
                "timeline": ["types": ["m.room.message", "m.room.encrypted"], "not_senders": [userID], "limit": 50],
                "state": ["lazy_load_members": true],
                "ephemeral": ["types": [String]()],
                "account_data": ["types": [String]()],
            ],
            "presence": ["types": [String]()],
            "account_data": ["types": [String]()],
        ]
        let created = try await call(.post, "/_matrix/client/v3/user/\(Self.escapePath(userID))/filter", body: filter)
        filterID = created["filter_id"] as? String
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
        let rooms = (response["rooms"] as? [String: Any])?["join"] as? [String: Any] ?? [:]
        for (roomIndex, (roomID, value)) in rooms.sorted(by: { $0.key < $1.key }).enumerated() {
            guard let room = value as? [String: Any], let timeline = room["timeline"] as? [String: Any] else {
                continue
            }
            // An event that is not an object is skipped on its own, never its room's whole timeline.
            let items = timeline["events"] as? [Any] ?? []
            var events = items.compactMap { $0 as? [String: Any] }
            skipped += Array(repeating: "(an event that is not an object)", count: items.count - events.count)
            if timeline["limited"] as? Bool == true, let previous = timeline["prev_batch"] as? String {
                events = await backfill(roomID, from: previous) + events
            }
            for (position, event) in events.enumerated() {
                if let message = await inbound(event, roomID: roomID) {
                    ordered.append((event["origin_server_ts"] as? Double ?? 0, roomIndex, position, message))
                } else if Self.isMalformedMessage(event, bot: userID) {
                    skipped.append(event["event_id"] as? String ?? "(no event id)")
                }
            }
        }
        ordered.sort { ($0.millis, $0.room, $0.position) < ($1.millis, $1.room, $1.position) }
        let messages = ordered.map(\.message)
        return PollBatch(messages: messages, cursor: try Self.nextBatch(response), skipped: skipped)
    }

    /// A message event from someone else that could not be read (no body, wrong types).
    static func isMalformedMessage(_ event: [String: Any], bot: String) -> Bool {
        guard event["type"] as? String == "m.room.message", event["sender"] as? String != bot else { return false }
        guard let content = event["content"] as? [String: Any] else { return true }
        if let msgtype = content["msgtype"] as? String, msgtype != "m.text" { return false }
        return !(content["body"] is String) || event["event_id"] == nil || event["sender"] == nil
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
            var content: [String: Any] = [
                "msgtype": "m.notice",
                "body": MatrixHTML.plain(part),
                "format": "org.matrix.custom.html",
                "formatted_body": MatrixHTML.html(part),
            ]
            if let message, !message.messageID.isEmpty {
                if let thread = message.threadID {
                    content["m.relates_to"] = [
                        "rel_type": "m.thread", "event_id": thread, "is_falling_back": true,
                        "m.in_reply_to": ["event_id": message.messageID],
                    ]
                } else if index == 0 {
                    content["m.relates_to"] = ["m.in_reply_to": ["event_id": message.messageID]]
                }
            }
            // The transaction id makes each part idempotent: a retried send is one event per part.
            let key = index == 0 ? idempotencyKey : "\(idempotencyKey)#\(index + 1)"
            let path =
                "/_matrix/client/v3/rooms/\(Self.escapePath(conversationID))/send/m.room.message/"
                + Self.transactionID(key)
            _ = try await call(.put, path, body: content)
        }
    }

    public func openDirectConversation(with user: String) async throws(PlatformError) -> String {
        if let known = memory.value("dm:\(user)") { return known }
        let created = try await call(
            .post,
            "/_matrix/client/v3/createRoom",
            body: ["preset": "trusted_private_chat", "is_direct": true, "invite": [user]]
        )
        guard let roomID = created["room_id"] as? String else {
            throw PlatformError(.transient, "platform \(id): createRoom returned no room_id")
        }
        memory.setValue(roomID, "dm:\(user)")
        memory.setValue("yes", "direct:\(roomID)")
        return roomID
    }

    // MARK: - Receiving

    private func sync(since: String?, timeout: Int) async throws(PlatformError) -> [String: Any] {
        var query = ["timeout": "\(timeout)"]
        if let since { query["since"] = since }
        if let filterID { query["filter"] = filterID }
        return try await call(.get, "/_matrix/client/v3/sync", query: query, timeout: Double(timeout) / 1000 + 30)
    }

    private static func nextBatch(_ response: [String: Any]) throws(PlatformError) -> String {
        guard let next = response["next_batch"] as? String, !next.isEmpty else {
            throw PlatformError(.transient, "sync response without next_batch")
        }
        return next
    }

    /// A person's message as an ``InboundMessage``; `nil` for the bot's own events, other event types and
    /// malformed events (skipped: counted by id, never logged with content).
    private func inbound(_ event: [String: Any], roomID: String) async -> InboundMessage? {
        guard let eventID = event["event_id"] as? String, let sender = event["sender"] as? String, sender != userID,
            let type = event["type"] as? String
        else { return nil }
        // Milliseconds from the server: an absurd one (1e300, negative) must not trap; it reads as 0.
        let milliseconds = (event["origin_server_ts"] as? NSNumber)?.doubleValue ?? 0
        let timestamp =
            (0..<1e15).contains(milliseconds) ? Int64(exactly: (milliseconds / 1_000).rounded(.down)) ?? 0 : 0
        // History from before the bot joined a room is not answered (a question asked up to two minutes before the
        // invite was accepted still is).
        if let joined = memory.value("joined:\(roomID)").flatMap(Int64.init), timestamp < joined - Self.historyGrace {
            return nil
        }
        if type == "m.room.encrypted" {
            await explainEncryption(roomID: roomID, eventID: eventID)
            return nil
        }
        guard type == "m.room.message", let content = event["content"] as? [String: Any],
            let msgtype = content["msgtype"] as? String, msgtype == "m.text",
            let body = content["body"] as? String
        else { return nil }
        var thread: String?
        if let relation = content["m.relates_to"] as? [String: Any], relation["rel_type"] as? String == "m.thread" {
            thread = relation["event_id"] as? String
        }
        return InboundMessage(
            platform: "matrix",
            conversationID: roomID,
            isDirect: await isDirect(roomID),
            senderID: sender,
            text: body,
            messageID: eventID,
            timestamp: timestamp,
            threadID: thread
        )
    }

    private func backfill(_ roomID: String, from token: String) async -> [[String: Any]] {
        let path = "/_matrix/client/v3/rooms/\(Self.escapePath(roomID))/messages"
        guard let page = try? await call(.get, path, query: ["from": token, "dir": "b", "limit": "100"]),
            let chunk = page["chunk"] as? [[String: Any]]
        else { return [] }
        // Older events the gap hid, oldest first; already-handled ones are skipped by the runtime.
        return chunk.reversed().filter { $0["type"] as? String == "m.room.message" }
    }

    private func joinInvites(_ response: [String: Any]) async {
        let invites = (response["rooms"] as? [String: Any])?["invite"] as? [String: Any] ?? [:]
        for (roomID, value) in invites {
            let events =
                ((value as? [String: Any])?["invite_state"] as? [String: Any])?["events"] as? [[String: Any]] ?? []
            let invite = events.first {
                $0["type"] as? String == "m.room.member" && $0["state_key"] as? String == userID
            }
            let inviter = invite?["sender"] as? String ?? ""
            guard isAllowed(inviter) else {
                _ = try? await call(.post, "/_matrix/client/v3/rooms/\(Self.escapePath(roomID))/leave", body: [:])
                continue
            }
            if (invite?["content"] as? [String: Any])?["is_direct"] as? Bool == true {
                memory.setValue("yes", "direct:\(roomID)")
            }
            if (try? await call(.post, "/_matrix/client/v3/join/\(Self.escapePath(roomID))", body: [:])) != nil {
                memory.setValue("\(Int64(Date().timeIntervalSince1970))", "joined:\(roomID)")
            }
        }
    }

    private func isAllowed(_ inviter: String) -> Bool {
        inviteAllow.isEmpty || inviteAllow.contains { $0 == inviter || ($0.hasPrefix(":") && inviter.hasSuffix($0)) }
    }

    /// Direct when the invite said so (`is_direct`) or the bot opened it as a direct room. A room that merely has two
    /// members is not treated as direct: more people can be invited later and would see the history, so a private
    /// form started there still moves to a direct room.
    private func isDirect(_ roomID: String) async -> Bool {
        memory.value("direct:\(roomID)") == "yes"
    }

    /// One plain notice per room: the bot cannot read encrypted messages, and how to reach a person.
    private func explainEncryption(roomID: String, eventID: String) async {
        guard memory.value("encryption-notice:\(roomID)") == nil else { return }
        let reply = Reply(
            kind: .notice,
            text: "I can't read encrypted messages, so I can't answer here. Please message me in a room without "
                + "encryption, or contact your safeguarding team directly. If anyone is in danger, call 999."
        )
        do {
            try await send(reply, to: roomID, replyingTo: nil, idempotencyKey: "encryption-\(eventID)")
            memory.setValue("sent", "encryption-notice:\(roomID)")
        } catch {
            // Not recorded: the next encrypted event tries again.
        }
    }

    // MARK: - HTTP

    private func login() async throws(PlatformError) {
        guard let password else {
            throw PlatformError(.fatal, "platform \(id): the access token was refused and no password is configured")
        }
        var body: [String: Any] = [
            "type": "m.login.password",
            "identifier": ["type": "m.id.user", "user": userID],
            "password": password,
            "initial_device_display_name": "PreventAssist",
        ]
        // Reusing the device keeps Synapse's transaction-id scope across restarts, so retries stay idempotent.
        if let device = memory.value("device_id") { body["device_id"] = device }
        accessToken = nil
        let response = try await call(.post, "/_matrix/client/v3/login", body: body, authenticated: false)
        guard let token = response["access_token"] as? String else {
            throw PlatformError(.fatal, "platform \(id): login returned no access token")
        }
        accessToken = token
        if let device = response["device_id"] as? String { memory.setValue(device, "device_id") }
    }

    /// One request; a refused token is retried once after logging in again when a password is configured.
    func call(
        _ method: HTTPRequest.Method,
        _ path: String,
        query: [String: String] = [:],
        body: [String: Any]? = nil,
        timeout: Double = 30,
        authenticated: Bool = true
    ) async throws(PlatformError) -> [String: Any] {
        do {
            return try await callOnce(
                method,
                path,
                query: query,
                body: body,
                timeout: timeout,
                authenticated: authenticated
            )
        } catch  where error.kind == .unauthorized && authenticated && password != nil {
            try await login()
            return try await callOnce(method, path, query: query, body: body, timeout: timeout, authenticated: true)
        }
    }

    private func callOnce(
        _ method: HTTPRequest.Method,
        _ path: String,
        query: [String: String],
        body: [String: Any]?,
        timeout: Double,
        authenticated: Bool
    ) async throws(PlatformError) -> [String: Any] {
        var components = URLComponents(string: homeserver + path)
        if !query.isEmpty {
            components?.queryItems = query.sorted { $0.key < $1.key }.map {
                URLQueryItem(name: $0.key, value: $0.value)
            }
        }
        guard let url = components?.string else {
            throw PlatformError(.fatal, "platform \(id): invalid homeserver URL")
        }
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if authenticated, let accessToken { headers.append(("Authorization", "Bearer \(accessToken)")) }
        var data: Data?
        if let body {
            headers.append(("Content-Type", "application/json"))
            data = try? JSONSerialization.data(withJSONObject: body)
        }
        let response = try await transport.perform(
            HTTPRequest(method: method, url: url, headers: headers, body: data, timeout: timeout),
            context: "platform \(id)"
        )
        let json = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        if response.isSuccess {
            guard let json else {
                throw PlatformError(
                    .transient,
                    "platform \(id): malformed JSON from \(path.split(separator: "/").prefix(4).joined(separator: "/"))"
                )
            }
            return json
        }
        let code = json?["errcode"] as? String ?? "HTTP \(response.status)"
        switch response.status {
        case 429:
            let seconds =
                ServerDuration.seconds(jsonMilliseconds: json?["retry_after_ms"]) ?? response.retryAfterSeconds ?? 5
            throw PlatformError(.rateLimited(seconds: seconds), "platform \(id): rate limited (\(code))")
        case 401:
            throw PlatformError(.unauthorized, "platform \(id): credentials refused (\(code))")
        case 500...:
            throw PlatformError(.transient, "platform \(id): server error \(response.status)")
        default:
            throw PlatformError(.rejected, "platform \(id): request refused: \(code)")
        }
    }

    private func rateLimitWarnings() async -> [String] {
        let path = "/_synapse/admin/v1/users/\(Self.escapePath(userID))/override_ratelimit"
        let command =
            "curl -X POST -H 'Authorization: Bearer ADMIN_TOKEN' -d '{\"messages_per_second\":0,\"burst_count\":0}' "
            + "\(homeserver)\(path)"
        do {
            let limits = try await call(.get, path)
            if limits["messages_per_second"] as? Int == 0 { return [] }
            return ["the bot's rate limit override is not set; ask a homeserver admin to run: \(command)"]
        } catch {
            return [
                "cannot check the bot's rate limit override (the bot is not an admin); make sure an admin ran: \(command)"
            ]
        }
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
