public import AssistantCore
import Foundation
import GRDB

/// What the platform runtime keeps so that nothing is lost and nothing is answered twice: each platform's poll
/// cursor, the ids of messages already handled, the replies waiting to be sent (sealed), and small named values.
public struct PlatformStateStore: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// A reply waiting to be sent.
    public struct PendingReply: Sendable, Hashable {
        public let id: Int64
        public let messageID: String
        public let position: Int
        public let conversationID: String
        public let reply: Reply
        /// Stable across retries and restarts: the platform's idempotency key for this send.
        public var idempotencyKey: String { "pa-\(messageID)-\(position)" }
    }

    public func cursor(_ platform: String) throws(StorageError) -> String? {
        try database.read { db in
            try String.fetchOne(
                db,
                sql: "SELECT cursor FROM platform_cursors WHERE platform = ?",
                arguments: [platform]
            )
        }
    }

    public func saveCursor(_ cursor: String, for platform: String, at time: Int64) throws(StorageError) {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO platform_cursors (platform, cursor, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT(platform) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
                    """,
                arguments: [platform, cursor, time]
            )
        }
    }

    public func isHandled(_ messageID: String, on platform: String) throws(StorageError) -> Bool {
        try database.read { db in
            try Bool.fetchOne(
                db,
                sql: "SELECT 1 FROM handled_messages WHERE platform = ? AND message_id = ?",
                arguments: [platform, messageID]
            ) ?? false
        }
    }

    /// Replies not yet sent, oldest first.
    public func pendingReplies(_ platform: String) throws(StorageError) -> [PendingReply] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM reply_outbox WHERE platform = ? ORDER BY id",
                arguments: [platform]
            )
        }.map { row throws(StorageError) in try pending(row) }
    }

    public func markSent(_ reply: PendingReply) throws(StorageError) {
        try database.write { db in
            try db.execute(sql: "DELETE FROM reply_outbox WHERE id = ?", arguments: [reply.id])
        }
    }

    public func value(_ name: String, for platform: String) throws(StorageError) -> String? {
        try database.read { db in
            try String.fetchOne(
                db,
                sql: "SELECT value FROM platform_values WHERE platform = ? AND name = ?",
                arguments: [platform, name]
            )
        }
    }

    public func setValue(
        _ value: String,
        _ name: String,
        for platform: String,
        at time: Int64
    ) throws(StorageError) {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO platform_values (platform, name, value, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(platform, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                    """,
                arguments: [platform, name, value, time]
            )
        }
    }

    /// Marks the message handled and queues its replies, sealed (with the message's outcome, inside
    /// ``AppDatabase/transaction(_:)``, so a crash before sending replays the sends, never the handling).
    public func record(
        _ replies: [(conversation: String, reply: Reply)],
        for messageID: String,
        platform: String,
        at time: Int64
    ) throws(StorageError) {
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO handled_messages (platform, message_id, handled_at) VALUES (?, ?, ?)",
                arguments: [platform, messageID, time]
            )
            for (position, item) in replies.enumerated() {
                let json = String(decoding: try JSONEncoder().encode(StoredReply(item.reply)), as: UTF8.self)
                let context = Self.context(platform, messageID, position)
                try db.execute(
                    sql: """
                        INSERT INTO reply_outbox (platform, message_id, position, conversation_id, reply_sealed, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        platform, messageID, position, item.conversation,
                        try database.cipher.seal(json, context: context), time,
                    ]
                )
            }
        }
    }

    private func pending(_ row: Row) throws(StorageError) -> PendingReply {
        let platform: String = row["platform"]
        let messageID: String = row["message_id"]
        let position: Int = row["position"]
        let json = try database.cipher.open(row["reply_sealed"], context: Self.context(platform, messageID, position))
        guard let stored = try? JSONDecoder().decode(StoredReply.self, from: Data(json.utf8)) else {
            throw .tampered("queued reply")
        }
        return PendingReply(
            id: row["id"],
            messageID: messageID,
            position: position,
            conversationID: row["conversation_id"],
            reply: stored.reply
        )
    }

    static func context(_ platform: String, _ messageID: String, _ position: Int) -> String {
        "reply \(platform) \(messageID) \(position)"
    }
}

/// A reply as queued: kind, text and quick-reply suggestions.
private struct StoredReply: Codable {
    let kind: String
    let text: String
    let suggestions: [[String]]

    init(_ reply: Reply) {
        kind = reply.kind.rawValue
        text = reply.text
        suggestions = reply.suggestions.map { [$0.title, $0.intentID, $0.payload.rawValue] }
    }

    var reply: Reply {
        Reply(
            kind: Reply.Kind(rawValue: kind) ?? .notice,
            text: text,
            // A reply queued before buttons carried a payload has two fields: its button sent back its number.
            suggestions: suggestions.enumerated().compactMap { index, fields in
                guard fields.count == 2 || fields.count == 3 else { return nil }
                let payload = fields.count == 3 ? fields[2] : String(index + 1)
                return Reply.Suggestion(title: fields[0], intentID: fields[1], payload: ButtonPayload(payload))
            }
        )
    }
}
