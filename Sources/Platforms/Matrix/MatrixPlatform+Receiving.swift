import ChatModel
import CurlHTTP

extension MatrixPlatform {
    func sync(since: String?, timeout: Int) async throws(PlatformError) -> MatrixWire.Sync {
        var query = ["timeout": "\(timeout)"]
        if let since { query["since"] = since }
        if let filterID { query["filter"] = filterID }
        return try await call(.get, "/_matrix/client/v3/sync", query: query, timeout: Double(timeout) / 1000 + 30)
    }

    static func nextBatch(_ response: MatrixWire.Sync) throws(PlatformError) -> String {
        guard let next = response.nextBatch, !next.isEmpty else {
            throw PlatformError(.transient, "sync response without next_batch")
        }
        return next
    }

    /// A person's message as an ``InboundMessage``; `nil` for the bot's own events, other event types and
    /// malformed events (skipped: counted by id, never logged with content).
    func inbound(_ event: MatrixWire.Event, roomID: String) async -> InboundMessage? {
        guard let eventID = event.eventID, let sender = event.sender, sender != userID, let type = event.type else {
            return nil
        }
        // Milliseconds from the server: an absurd one (1e300, negative) must not trap; it reads as 0.
        let milliseconds = event.originServerTS?.number ?? 0
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
        guard type == "m.room.message", let content = event.content, content.msgtype == "m.text",
            let body = content.body
        else { return nil }
        let thread = content.relation.flatMap { $0.relType == "m.thread" ? $0.eventID : nil }
        return InboundMessage(
            platform: "matrix",
            conversationID: roomID,
            isDirect: isDirect(roomID),
            senderID: sender,
            text: body,
            messageID: eventID,
            timestamp: timestamp,
            threadID: thread
        )
    }

    func backfill(_ roomID: String, from token: String) async -> [MatrixWire.Event] {
        let path = "/_matrix/client/v3/rooms/\(Self.escapePath(roomID))/messages"
        guard
            let page: MatrixWire.Messages = try? await call(
                .get,
                path,
                query: ["from": token, "dir": "b", "limit": "100"]
            )
        else { return [] }
        // Older events the gap hid, oldest first; already-handled ones are skipped by the runtime.
        return page.events.reversed().filter { $0.type == "m.room.message" }
    }

    func joinInvites(_ response: MatrixWire.Sync) async {
        for (roomID, room) in response.invited {
            let invite = room.events.first { $0.type == "m.room.member" && $0.stateKey == userID }
            guard isAllowed(invite?.sender ?? "") else {
                let _: AnyJSONObject? = try? await call(
                    .post,
                    "/_matrix/client/v3/rooms/\(Self.escapePath(roomID))/leave",
                    body: EmptyJSONObject()
                )
                continue
            }
            if invite?.content?.isDirect == true {
                memory.setValue("yes", "direct:\(roomID)")
            }
            let joined: AnyJSONObject? = try? await call(
                .post,
                "/_matrix/client/v3/join/\(Self.escapePath(roomID))",
                body: EmptyJSONObject()
            )
            if joined != nil {
                memory.setValue("\(clock.seconds)", "joined:\(roomID)")
            }
        }
    }

    private func isAllowed(_ inviter: String) -> Bool {
        inviteAllow.isEmpty || inviteAllow.contains { $0 == inviter || ($0.hasPrefix(":") && inviter.hasSuffix($0)) }
    }

    /// Direct when the invite said so (`is_direct`) or the bot opened it as a direct room. A room that merely has two
    /// members is not treated as direct: more people can be invited later and would see the history, so a private
    /// form started there still moves to a direct room.
    private func isDirect(_ roomID: String) -> Bool {
        memory.value("direct:\(roomID)") == "yes"
    }

    /// One notice per room, worded by the core (``PlatformNotices/encryptedMessage``): the bot cannot read
    /// encrypted messages, and how to reach a person. Nothing is sent when the account has no such notice.
    private func explainEncryption(roomID: String, eventID: String) async {
        guard let reply = notices.encryptedMessage, memory.value("encryption-notice:\(roomID)") == nil else { return }
        do {
            try await send(reply, to: roomID, replyingTo: nil, idempotencyKey: "encryption-\(eventID)")
            memory.setValue("sent", "encryption-notice:\(roomID)")
        } catch {
            // Not recorded: the next encrypted event tries again.
        }
    }
}
