public import AssistantCore
import Crypto
import Foundation
import GRDB

/// Each conversation's ``ConversationState`` (including an unfinished form's answers), sealed, saved after every
/// message so a crash or restart resumes exactly where the person was. Unfinished drafts expire.
public struct ConversationStore: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// The saved state of `conversation` (any stable id, e.g. `console:sam`), or `.initial`.
    public func load(_ conversation: String) throws(StorageError) -> ConversationState {
        let key = Self.rowKey(conversation)
        let sealed = try database.read { db in
            try Data.fetchOne(db, sql: "SELECT state_sealed FROM conversations WHERE key = ?", arguments: [key])
        }
        guard let sealed else { return .initial }
        let json = try database.cipher.open(sealed, context: Self.context(key))
        do {
            return try JSONDecoder().decode(ConversationState.self, from: Data(json.utf8))
        } catch {
            throw .tampered("saved conversation state")
        }
    }

    /// Saves `state` for `conversation`; an initial state removes the row.
    public func save(_ state: ConversationState, for conversation: String, at time: Int64) throws(StorageError) {
        try database.write { db in try save(state, for: conversation, at: time, in: db) }
    }

    func save(_ state: ConversationState, for conversation: String, at time: Int64, in db: Database) throws {
        let key = Self.rowKey(conversation)
        if state == .initial {
            try db.execute(sql: "DELETE FROM conversations WHERE key = ?", arguments: [key])
            return
        }
        let json = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO conversations (key, state_sealed, has_draft, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET state_sealed = excluded.state_sealed, has_draft = excluded.has_draft,
                updated_at = excluded.updated_at
                """,
            arguments: [key, try database.cipher.seal(json, context: Self.context(key)), state.form != nil, time]
        )
    }

    /// Removes unfinished drafts last touched before `time - maxAge` seconds; returns how many.
    @discardableResult
    public func purgeExpiredDrafts(maxAge: Int64, at time: Int64) throws(StorageError) -> Int {
        try database.write { db in
            try db.execute(
                sql: "DELETE FROM conversations WHERE has_draft = 1 AND updated_at < ?",
                arguments: [time - maxAge]
            )
            return db.changesCount
        }
    }

    static func context(_ key: String) -> String { "conversation \(key)" }

    static func reseal(_ db: Database, from old: FieldCipher, to new: FieldCipher) throws -> Int {
        try old.reseal(
            db,
            to: new,
            select: "SELECT key, state_sealed AS sealed FROM conversations",
            update: "UPDATE conversations SET state_sealed = ? WHERE key = ?",
            context: { context($0["key"]) },
            keys: { [$0["key"] as String] }
        )
    }

    /// The row key: a SHA-256 of the conversation id, so the table does not list who talks to the assistant.
    static func rowKey(_ conversation: String) -> String {
        SHA256.hash(data: Data(conversation.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
