public import AssistantCore
import Foundation
import GRDB

extension PlatformStateStore {
    /// A private form to start in a direct conversation the runtime has still to open (the person asked for it in a
    /// group room). Kept until the form has started there.
    public struct Continuation: Sendable, Hashable, Codable {
        public let formID: String
        public let userID: String
        /// The group message that asked for it: the direct conversation's opening derives its id from this one.
        public let messageID: String
        public let platformKind: String
        public let senderName: String?
        public let timestamp: Int64

        public init(formID: String, userID: String, after message: InboundMessage) {
            self.formID = formID
            self.userID = userID
            self.messageID = message.messageID
            self.platformKind = message.platform
            self.senderName = message.senderName
            self.timestamp = message.timestamp
        }
    }

    private static let prefix = "continue:"

    /// Continuations not yet done, oldest first.
    public func pendingContinuations(_ platform: String) throws(StorageError) -> [Continuation] {
        let values = try database.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT value FROM platform_values WHERE platform = ? AND name LIKE ? ORDER BY rowid",
                arguments: [platform, Self.prefix + "%"]
            )
        }
        return values.compactMap { try? JSONDecoder().decode(Continuation.self, from: Data($0.utf8)) }
    }

    /// Marks a continuation done.
    public func finishContinuation(_ continuation: Continuation, platform: String) throws(StorageError) {
        try database.write { db in
            try db.execute(
                sql: "DELETE FROM platform_values WHERE platform = ? AND name = ?",
                arguments: [platform, Self.prefix + continuation.messageID]
            )
        }
    }

    /// Queues a continuation (with the message's outcome, inside ``AppDatabase/transaction(_:)``).
    public func queueContinuation(_ continuation: Continuation, platform: String) throws(StorageError) {
        try database.write { db in
            let value = String(decoding: try JSONEncoder().encode(continuation), as: UTF8.self)
            try db.execute(
                sql: """
                    INSERT INTO platform_values (platform, name, value) VALUES (?, ?, ?)
                    ON CONFLICT(platform, name) DO UPDATE SET value = excluded.value
                    """,
                arguments: [platform, Self.prefix + continuation.messageID, value]
            )
        }
    }
}
