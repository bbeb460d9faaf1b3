import Foundation
import PreventAssistTesting
import Synchronization

/// A Mattermost server in memory, answering from the REST API v4 contract: Bearer tokens, `users/me`, the bot's
/// channels, `GET /channels/{id}/posts` (`since` = every post modified after, newest 1,000 at most; or `page` and
/// `per_page`, newest first), `POST /posts` (16,383-character limit, `root_id` in the same channel,
/// `pending_post_id` deduplicated until the cache is forgotten) and `POST /channels/direct`, with AppError bodies.
final class MattermostStubServer: Sendable {
    static let token = "mm-bot-access-token-s3cret"
    static let botID = id("bot")
    static let personID = id("person")
    static let otherPersonID = id("other")
    static let groupChannel = id("townsquare")
    static let directChannel = id("direct")
    static let strangersChannel = id("strangers")

    /// A 26-character id, as Mattermost's are.
    static func id(_ name: String) -> String { String((name + String(repeating: "0", count: 26)).prefix(26)) }

    struct Post: Sendable {
        let id: String
        let channelID: String
        let userID: String
        var message: String
        let rootID: String
        let type: String
        let fromBot: Bool
        let createAt: Int64
        var updateAt: Int64
        var deleteAt: Int64 = 0
        var malformed = false
    }

    struct Channel: Sendable {
        let id: String
        let type: String
        let name: String
        let members: Set<String>
        let createAt: Int64
    }

    struct State: Sendable {
        var clock = Int64(Date().timeIntervalSince1970 * 1000)
        var posts: [Post] = []
        var channels: [Channel] = []
        var pendingPostIDs: [String: String] = [:]
        var count = 0
        var fault: (@Sendable (LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Action?)?

        mutating func tick() -> Int64 {
            clock += 1
            return clock
        }

        mutating func newID(_ prefix: String) -> String {
            count += 1
            return MattermostStubServer.id("\(prefix)\(count)x")
        }
    }

    final class Box: Sendable {
        let state = Mutex(State())
    }

    private let box = Box()
    let server: LoopbackHTTPServer

    init() throws {
        server = try LoopbackHTTPServer { [box] request in Self.handle(request, box) }
        box.state.withLock { state in
            let created = state.tick()
            state.channels = [
                Channel(
                    id: Self.groupChannel,
                    type: "O",
                    name: "town-square",
                    members: [Self.botID, Self.personID, Self.otherPersonID],
                    createAt: created
                ),
                Channel(
                    id: Self.directChannel,
                    type: "D",
                    name: [Self.botID, Self.personID].sorted().joined(separator: "__"),
                    members: [Self.botID, Self.personID],
                    createAt: created
                ),
                Channel(
                    id: Self.strangersChannel,
                    type: "P",
                    name: "strangers",
                    members: [Self.personID],
                    createAt: created
                ),
            ]
        }
    }

    deinit { server.stop() }

    // MARK: - Side door

    /// Moves the server's clock (posts' `create_at`/`update_at`, and what `?since=` compares) by `milliseconds`.
    func shiftClock(by milliseconds: Int64) { box.state.withLock { $0.clock += milliseconds } }

    /// Makes `user` post in `channel`; returns the post's id.
    @discardableResult
    func post(
        _ text: String,
        from user: String,
        in channel: String,
        rootID: String = "",
        type: String = "",
        fromBot: Bool = false,
        malformed: Bool = false
    ) -> String {
        box.state.withLock { state in
            let now = state.tick()
            var post = Post(
                id: state.newID("post"),
                channelID: channel,
                userID: user,
                message: text,
                rootID: rootID,
                type: type,
                fromBot: fromBot,
                createAt: now,
                updateAt: now
            )
            post.malformed = malformed
            state.posts.append(post)
            return post.id
        }
    }

    func edit(_ postID: String, to text: String) {
        box.state.withLock { state in
            let now = state.tick()
            guard let index = state.posts.firstIndex(where: { $0.id == postID }) else { return }
            state.posts[index].message = text
            state.posts[index].updateAt = now
        }
    }

    func delete(_ postID: String) {
        box.state.withLock { state in
            let now = state.tick()
            guard let index = state.posts.firstIndex(where: { $0.id == postID }) else { return }
            state.posts[index].deleteAt = now
            state.posts[index].updateAt = now
        }
    }

    /// The bot's posts in `channel`, oldest first.
    func botPosts(in channel: String) -> [Post] {
        box.state.withLock { state in
            state.posts.filter { $0.userID == Self.botID && $0.channelID == channel && $0.deleteAt == 0 }
        }
    }

    /// Forgets the `pending_post_id`s seen, as the server does after 30 seconds.
    func forgetPendingPostIDs() { box.state.withLock { $0.pendingPostIDs.removeAll() } }

    /// Answers requests with `fault` first (when it returns an action).
    func setFault(_ fault: (@Sendable (LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Action?)?) {
        box.state.withLock { $0.fault = fault }
    }

    // MARK: - The API

    private static func handle(_ request: LoopbackHTTPServer.Request, _ box: Box) -> LoopbackHTTPServer.Action {
        if let fault = box.state.withLock({ $0.fault }), let action = fault(request) { return action }
        guard request.header("authorization") == "Bearer \(token)" else {
            return appError(401, "api.context.session_expired.app_error", "Invalid or expired session")
        }
        let components = URLComponents(string: request.path)
        let path = components?.path ?? request.path
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let segments = path.split(separator: "/").map(String.init)
        return box.state.withLock { state -> LoopbackHTTPServer.Action in
            let route = "\(request.method) \(path)"
            if route == "GET /api/v4/users/me" {
                return json(200, ["id": botID, "username": "assistant", "is_bot": true])
            }
            if route == "GET /api/v4/users/me/channels"
                || (request.method == "GET" && segments.count == 7 && path.hasPrefix("/api/v4/users/me/teams/")
                    && segments[6] == "channels")
            {
                return json(200, state.channels.filter { $0.members.contains(botID) }.map(object))
            }
            if request.method == "GET", segments.count == 5, path.hasPrefix("/api/v4/channels/"), segments[4] == "posts"
            {
                return posts(in: segments[3], query: query, state)
            }
            if route == "POST /api/v4/posts" { return create(request.json as? [String: Any] ?? [:], &state) }
            if route == "POST /api/v4/channels/direct" { return direct(request.json as? [String] ?? [], &state) }
            return appError(404, "api.context.404.app_error", "Sorry, we could not find the page.")
        }
    }

    private static func posts(
        in channelID: String,
        query: [String: String],
        _ state: State
    )
        -> LoopbackHTTPServer.Action
    {
        guard let channel = state.channels.first(where: { $0.id == channelID }), channel.members.contains(botID)
        else {
            return appError(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.")
        }
        let inChannel = state.posts.filter { $0.channelID == channelID }.sorted { $0.createAt > $1.createAt }
        let selected: [Post]
        if let since = query["since"].flatMap(Int64.init), since > 0 {
            guard query["page"] == nil, query["per_page"] == nil else {
                return appError(400, "api.context.invalid_url_param.app_error", "since with paging")
            }
            selected = Array(inChannel.filter { $0.updateAt > since }.prefix(1000))
        } else {
            let page = Int(query["page"] ?? "0") ?? 0
            let perPage = min(Int(query["per_page"] ?? "60") ?? 60, 200)
            selected = Array(inChannel.filter { $0.deleteAt == 0 }.dropFirst(page * perPage).prefix(perPage))
        }
        var posts: [String: Any] = [:]
        for post in selected { posts[post.id] = object(post) }
        return json(200, ["order": selected.map(\.id), "posts": posts, "next_post_id": "", "prev_post_id": ""])
    }

    private static func create(_ body: [String: Any], _ state: inout State) -> LoopbackHTTPServer.Action {
        guard let channelID = body["channel_id"] as? String, let message = body["message"] as? String else {
            return appError(400, "api.context.invalid_body_param.app_error", "Invalid or missing post in request body")
        }
        guard let channel = state.channels.first(where: { $0.id == channelID }), channel.members.contains(botID)
        else {
            return appError(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.")
        }
        guard message.unicodeScalars.count <= 16_383 else {
            return appError(400, "model.post.is_valid.message_length.app_error", "Invalid message length")
        }
        let rootID = body["root_id"] as? String ?? ""
        if !rootID.isEmpty, !state.posts.contains(where: { $0.id == rootID && $0.channelID == channelID }) {
            return appError(400, "api.post.create_post.root_id.app_error", "Invalid RootId parameter")
        }
        let pending = body["pending_post_id"] as? String ?? ""
        if !pending.isEmpty, let existing = state.pendingPostIDs[pending],
            let post = state.posts.first(where: { $0.id == existing })
        {
            return json(201, object(post))
        }
        let now = state.tick()
        let post = Post(
            id: state.newID("sent"),
            channelID: channelID,
            userID: botID,
            message: message,
            rootID: rootID,
            type: "",
            fromBot: true,
            createAt: now,
            updateAt: now
        )
        state.posts.append(post)
        if !pending.isEmpty { state.pendingPostIDs[pending] = post.id }
        return json(201, object(post))
    }

    private static func direct(_ users: [String], _ state: inout State) -> LoopbackHTTPServer.Action {
        guard users.count == 2, users.contains(botID) else {
            return appError(400, "api.context.invalid_body_param.app_error", "Invalid user ids")
        }
        let name = users.sorted().joined(separator: "__")
        if let existing = state.channels.first(where: { $0.name == name }) { return json(201, object(existing)) }
        let channel = Channel(
            id: state.newID("dm"),
            type: "D",
            name: name,
            members: Set(users),
            createAt: state.tick()
        )
        state.channels.append(channel)
        return json(201, object(channel))
    }

    private static func object(_ post: Post) -> [String: Any] {
        var props: [String: Any] = [:]
        if post.fromBot { props["from_bot"] = "true" }
        return [
            "id": post.id, "channel_id": post.channelID, "user_id": post.userID,
            "message": post.malformed ? 42 : post.message, "root_id": post.rootID, "type": post.type,
            "props": props, "create_at": post.createAt, "update_at": post.updateAt, "edit_at": 0,
            "delete_at": post.deleteAt, "is_pinned": false, "hashtags": "", "pending_post_id": "",
        ]
    }

    private static func object(_ channel: Channel) -> [String: Any] {
        [
            "id": channel.id, "type": channel.type, "name": channel.name, "display_name": "",
            "team_id": channel.type == "D" ? "" : id("team"), "create_at": channel.createAt,
            "update_at": channel.createAt,
            "delete_at": 0, "last_post_at": 0,
        ]
    }

    static func appError(_ status: Int, _ id: String, _ message: String) -> LoopbackHTTPServer.Action {
        json(
            status,
            ["id": id, "message": message, "detailed_error": "", "request_id": "stub", "status_code": status]
        )
    }

    private static func json(_ status: Int, _ object: Any) -> LoopbackHTTPServer.Action {
        .json(
            status,
            (try? JSONSerialization.data(withJSONObject: object)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        )
    }
}
