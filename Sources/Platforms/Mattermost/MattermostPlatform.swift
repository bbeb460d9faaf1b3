public import ChatModel
public import CurlHTTP
import Foundation

/// The Mattermost adapter over REST API v4. Mattermost has no long-poll for bots over REST, so each poll reads the
/// new posts of every watched channel (`GET /channels/{id}/posts?since=`, paging back through the channel when more
/// than one response's worth arrived) and waits `poll_interval_seconds` when nothing came. Watched: the bot's direct
/// and group-direct channels, and the channels listed in `channels`. Replies go in the question's thread in group
/// channels (in a direct channel only when the question was in a thread), split at 16,383 characters, with a
/// `pending_post_id` from the idempotency key; parts sent are also recorded in ``PlatformMemory``, because the
/// server forgets pending ids after 30 seconds.
///
/// Settings: `server` (e.g. `https://chat.example.ac.uk`), `token_env` (the name of the environment variable holding
/// the bot's access token); optional `channels` (comma-separated channel ids), `team_id` (list channels of that team
/// only) and `poll_interval_seconds` (default 2).
public actor MattermostPlatform: ChatPlatform {
    public nonisolated let id: String
    public nonisolated let kind = "mattermost"
    let server: String
    let authorization: String
    let transport: any HTTPTransport
    let memory: any PlatformMemory
    /// The time, from outside (tests fix it).
    let clock: UnixClock
    /// What the wait between empty polls is measured on.
    let sleeper: any Clock<Duration>
    let configuredChannels: Set<String>
    let teamID: String?
    let pollInterval: Double
    /// The bot's user id, from `GET /users/me`.
    var botUserID: String?
    /// Channels known to be direct (type `D` with a person), for `isDirect` and reply threading.
    var directChannels: Set<String> = []

    /// Mattermost's limit on a post's length, in Unicode scalars.
    static let messageLimit = 16_383
    /// The most posts `?since=` returns: a response this full may hide older new posts.
    static let sinceLimit = 1000
    static let pageSize = 200
    /// How far before the cursor's time a channel seen for the first time is read (clock drift, slow discovery).
    static let newChannelGraceMilliseconds: Int64 = 120_000

    public init(
        account: PlatformAccount,
        environment: [String: String],
        transport: any HTTPTransport,
        memory: any PlatformMemory,
        clock: UnixClock = .system,
        sleeper: any Clock<Duration> = ContinuousClock()
    ) throws(PlatformError) {
        id = account.id
        var server = try account.require("server")
        while server.hasSuffix("/") { server.removeLast() }
        self.server = server
        guard let token = try account.secret("token_env", environment: environment) else {
            throw PlatformError(.fatal, "platform \(account.id): missing setting 'token_env'")
        }
        authorization = "Bearer \(token)"
        configuredChannels = Set(
            (account.settings["channels"] ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
        )
        teamID = account.settings["team_id"].flatMap { $0.isEmpty ? nil : $0 }
        pollInterval = ServerDuration.seconds(text: account.settings["poll_interval_seconds"]) ?? 2
        self.transport = transport
        self.memory = memory
        self.clock = clock
        self.sleeper = sleeper
    }

    // MARK: - ChatPlatform

    public func start() async throws(PlatformError) -> [String] {
        let me: MattermostWire.Identified = try await call(.get, "/api/v4/users/me")
        guard let userID = me.id, !userID.isEmpty else {
            throw PlatformError(.fatal, "platform \(id): users/me returned no id")
        }
        botUserID = userID
        let member = Set(try await channels().map(\.id))
        return configuredChannels.subtracting(member).sorted().map {
            "the bot is not a member of configured channel \($0); add it to the channel or remove it from 'channels'"
        }
    }

    public func poll(after cursor: String?) async throws(PlatformError) -> PollBatch {
        let bot = try await ownUserID()
        let watched = try await channels()
        let now = clock.milliseconds
        guard let cursor, let position = MattermostCursor(cursor) else {
            // A cold start takes each channel's newest post as its position and answers nothing from history.
            var marks: [String: MattermostCursor.Mark] = [:]
            for channel in watched { marks[channel.id] = try await newestMark(in: channel.id) }
            return PollBatch(messages: [], cursor: MattermostCursor(time: now, marks: marks).encoded)
        }
        var next = MattermostCursor(time: now, marks: position.marks)
        var arrived: [(mark: MattermostCursor.Mark, message: InboundMessage)] = []
        var skipped: [String] = []
        for channel in watched {
            let mark =
                position.marks[channel.id]
                ?? MattermostCursor.Mark(
                    createAt: channel.isDirect
                        ? channel.createdAt - 1 : position.time - Self.newChannelGraceMilliseconds,
                    postID: ""
                )
            var newest = mark
            for (postID, postMark, post) in try await posts(in: channel.id, after: mark) {
                switch MattermostPost.read(post, id: postID, bot: bot, isDirect: channel.isDirect) {
                case .person(let message):
                    arrived.append((postMark ?? mark, message))
                case .ignored: break
                case .malformed(let id): skipped.append(id)
                }
                // Every post read moves the mark, so a malformed one is reported once, not on every poll.
                if let postMark { newest = max(newest, postMark) }
            }
            next.marks[channel.id] = newest
        }
        // In the order people wrote them, across channels.
        let messages = arrived.sorted { $0.mark < $1.mark }.map(\.message)
        if messages.isEmpty && skipped.isEmpty && pollInterval > 0 {
            // Nothing new: wait here, so the runtime's loop does not hammer the server (and stops promptly).
            try? await sleeper.sleep(for: ServerDuration.duration(seconds: pollInterval))
        }
        return PollBatch(messages: messages, cursor: next.encoded, skipped: skipped)
    }

    public func send(
        _ reply: Reply,
        to conversationID: String,
        replyingTo message: ReplyContext?,
        idempotencyKey: String
    ) async throws(PlatformError) {
        let parts = ReplySplitter.split(reply.text, limit: Self.messageLimit, render: MattermostMarkdown.render)
        var root: String?
        if let message, !message.messageID.isEmpty {
            if let thread = message.threadID, !thread.isEmpty {
                root = thread
            } else if !isDirect(conversationID) {
                root = message.messageID
            }
        }
        try await memory.sendEachPartOnce(parts, idempotencyKey: idempotencyKey) { index, part throws(PlatformError) in
            let body = MattermostNewPost(
                channelID: conversationID,
                message: part,
                pendingPostID: Self.pendingPostID(idempotencyKey, part: index),
                rootID: root
            )
            let created: MattermostWire.Identified = try await call(.post, "/api/v4/posts", body: body)
            return created.id
        }
    }

    public func openDirectConversation(with userID: String) async throws(PlatformError) -> String {
        if let known = memory.value("dm:\(userID)") { return known }
        let bot = try await ownUserID()
        let channel: MattermostWire.Identified = try await call(.post, "/api/v4/channels/direct", body: [bot, userID])
        guard let channelID = channel.id, !channelID.isEmpty else {
            throw PlatformError(.transient, "platform \(id): channels/direct returned no channel id")
        }
        memory.setValue(channelID, "dm:\(userID)")
        memory.setValue("yes", "direct:\(channelID)")
        directChannels.insert(channelID)
        return channelID
    }

    // MARK: - Receiving

    struct Channel {
        let id: String
        let isDirect: Bool
        let createdAt: Int64
    }

    private func ownUserID() async throws(PlatformError) -> String {
        if let botUserID { return botUserID }
        _ = try await start()
        return botUserID ?? ""
    }

    private func isDirect(_ channelID: String) -> Bool {
        directChannels.contains(channelID) || memory.value("direct:\(channelID)") == "yes"
    }

    /// The channels to read: direct and group-direct ones, and the configured ones the bot is a member of.
    private func channels() async throws(PlatformError) -> [Channel] {
        let path =
            teamID.map { "/api/v4/users/me/teams/\(Self.escapePath($0))/channels" } ?? "/api/v4/users/me/channels"
        let list: [MattermostWire.Channel] = try await call(.get, path, what: "the channel list")
        let bot = botUserID ?? ""
        var watched: [Channel] = []
        for channel in list {
            guard let channelID = channel.id, let type = channel.type, (channel.deleteAt ?? 0) == 0 else { continue }
            guard type == "D" || type == "G" || configuredChannels.contains(channelID) else { continue }
            // A direct channel is named `<user id>__<user id>`; the bot's channel with itself is not a conversation.
            let isDirect = type == "D" && channel.name != "\(bot)__\(bot)"
            if isDirect { directChannels.insert(channelID) }
            let createdAt = channel.createAt ?? 0
            watched.append(Channel(id: channelID, isDirect: isDirect, createdAt: createdAt))
        }
        return watched.sorted { $0.id < $1.id }
    }

    /// The newest post in a channel, or a mark before any post when it is empty.
    private func newestMark(in channelID: String) async throws(PlatformError) -> MattermostCursor.Mark {
        let list = try await postList(channelID, query: [("page", "0"), ("per_page", "1")])
        let newest = list.posts.compactMap { _, post -> MattermostCursor.Mark? in
            guard let id = post?.id, let createAt = post?.createAt else { return nil }
            return MattermostCursor.Mark(createAt: createAt, postID: id)
        }.max()
        return newest ?? MattermostCursor.Mark(createAt: 0, postID: "")
    }

    /// Posts created after `mark`, oldest first, by id. Edits of older posts come back from `since` too (their
    /// `update_at` changed) and are dropped here by their `create_at`.
    private func posts(
        in channelID: String,
        after mark: MattermostCursor.Mark
    ) async throws(PlatformError) -> [(id: String, mark: MattermostCursor.Mark?, post: MattermostWire.Post?)] {
        let since = max(mark.createAt - 1, 1)
        var found = try await postList(channelID, query: [("since", "\(since)")])
        if found.order.count >= Self.sinceLimit {
            // The response may have left a hole: read back from the newest post until the mark.
            found = try await pageBack(channelID, until: mark)
        }
        var seen: Set<String> = []
        var newer: [(id: String, mark: MattermostCursor.Mark, post: MattermostWire.Post?)] = []
        var unreadable: [(id: String, mark: MattermostCursor.Mark?, post: MattermostWire.Post?)] = []
        for (postID, post) in found.posts where seen.insert(postID).inserted {
            guard let createAt = post?.createAt else {
                unreadable.append((postID, nil, post))
                continue
            }
            let key = MattermostCursor.Mark(createAt: createAt, postID: postID)
            if mark < key { newer.append((postID, key, post)) }
        }
        return newer.sorted { $0.mark < $1.mark }.map { ($0.id, $0.mark, $0.post) } + unreadable
    }

    private func pageBack(
        _ channelID: String,
        until mark: MattermostCursor.Mark
    ) async throws(PlatformError) -> (order: [String], posts: [(String, MattermostWire.Post?)]) {
        var order: [String] = []
        var posts: [(String, MattermostWire.Post?)] = []
        for page in 0..<50 {
            let list = try await postList(channelID, query: [("page", "\(page)"), ("per_page", "\(Self.pageSize)")])
            order += list.order
            posts += list.posts
            let reachedMark = list.posts.contains { _, post in
                post?.createAt.map { $0 <= mark.createAt } ?? false
            }
            if reachedMark || list.order.count < Self.pageSize { break }
        }
        return (order, posts)
    }

    /// One `PostList`: the ids in `order` with their posts (an id without a post is kept, to be reported).
    private func postList(
        _ channelID: String,
        query: [(String, String)]
    ) async throws(PlatformError) -> (order: [String], posts: [(String, MattermostWire.Post?)]) {
        let list: MattermostWire.PostList = try await call(
            .get,
            "/api/v4/channels/\(Self.escapePath(channelID))/posts",
            query: query,
            what: "a post list (order and posts)"
        )
        return (list.order, list.order.map { ($0, list.posts[$0]?.value) })
    }
}
