public import AssistantCore
import Crypto
import Foundation
import GRDB

/// Good-practice snippets: stored pending, moderated (approve, edit, reject), searched once approved, rated, and
/// exchanged with other institutions. Every change writes an event (who, when, what) in the same transaction; the
/// events are append-only. Authors and moderators are told of outcomes through queued notices.
///
/// Access rules are the caller's job (see `SnippetDesk` and the CLI); this type records what it is asked to.
public struct SnippetStore: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    // MARK: - Creating

    /// Stores a shared snippet as pending and tells the moderators; returns its id (`GP-0001`).
    @discardableResult
    public func submit(_ snippet: Snippet, author: String, at time: Int64) throws(StorageError) -> String {
        try database.write { db in try submit(snippet, author: author, at: time, in: db) }
    }

    /// Stores a snippet inside an open transaction.
    func submit(_ snippet: Snippet, author: String, at time: Int64, in db: Database) throws -> String {
        let id = try insert(snippet, author: author, origin: nil, originID: nil, at: time, in: db)
        try Self.appendEvent(db, id, at: time, actor: author, action: "submitted", detail: nil)
        try notify(db, SnippetNotice.moderators, SnippetNoticeText.submitted(id: id), at: time)
        return id
    }

    func insert(
        _ snippet: Snippet,
        author: String,
        origin: String?,
        originID: String?,
        at time: Int64,
        in db: Database
    ) throws -> String {
        let number = (try Int.fetchOne(db, sql: "SELECT MAX(number) FROM snippets") ?? 0) + 1
        let id = SnippetCommand.formatID(number)
        try db.execute(
            sql: """
                INSERT INTO snippets (id, number, created_at, updated_at, author, status, title, what_was_done,
                    why_it_worked, tags, visibility, contact, origin_institution, origin_id, content_hash)
                VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, number, time, time, author, snippet.title, snippet.whatWasDone, snippet.whyItWorked,
                snippet.tags.map(\.rawValue).joined(separator: ","), snippet.visibility.rawValue, snippet.contact,
                origin, originID, Self.contentHash(snippet),
            ]
        )
        return id
    }

    // MARK: - Reading

    /// One snippet, or `nil`.
    public func snippet(_ id: String) throws(StorageError) -> StoredSnippet? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM snippets WHERE id = ?", arguments: [id]).map(Self.stored)
        }
    }

    /// Snippets with `status` (all when `nil`), oldest first.
    public func list(status: SnippetRecord.Status? = nil) throws(StorageError) -> [StoredSnippet] {
        try database.read { db in
            if let status {
                return try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM snippets WHERE status = ? ORDER BY number",
                    arguments: [status.rawValue]
                ).map(Self.stored)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM snippets ORDER BY number").map(Self.stored)
        }
    }

    /// A snippet's history, oldest first.
    public func events(_ id: String) throws(StorageError) -> [SnippetEvent] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM snippet_events WHERE snippet_id = ? ORDER BY id", arguments: [id])
                .map { row in
                    SnippetEvent(
                        id: row["id"],
                        snippetID: row["snippet_id"],
                        at: row["at"],
                        actor: row["actor"],
                        action: row["action"],
                        detail: row["detail"]
                    )
                }
        }
    }

    /// Keys for caching: `content` changes whenever a snippet or its status changes (the search index), `feedback`
    /// whenever somebody rates one (the tally).
    public func versions() throws(StorageError) -> (content: Int64, feedback: String) {
        try database.read { db in
            let events = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM snippet_events") ?? 0
            let votes = try Row.fetchOne(
                db,
                sql: "SELECT COUNT(*) AS n, COALESCE(MAX(at), 0) AS t FROM snippet_feedback"
            )
            return (events, "\(votes?["n"] as Int64? ?? 0)-\(votes?["t"] as Int64? ?? 0)")
        }
    }

    // MARK: - Moderation

    /// A moderator approves a snippet: it becomes searchable, and the author is told.
    public func approve(_ id: String, actor: String, at time: Int64) throws(StorageError) {
        try moderate(id, to: .approved, actor: actor, reason: nil, at: time)
    }

    /// A moderator rejects a snippet with a reason the author is told.
    public func reject(_ id: String, reason: String, actor: String, at time: Int64) throws(StorageError) {
        try moderate(id, to: .rejected, actor: actor, reason: reason, at: time)
    }

    private func moderate(
        _ id: String,
        to status: SnippetRecord.Status,
        actor: String,
        reason: String?,
        at time: Int64
    ) throws(StorageError) {
        try database.write { db in
            guard
                let current = try Row.fetchOne(db, sql: "SELECT * FROM snippets WHERE id = ?", arguments: [id])
                    .map(Self.stored)
            else { throw StorageError.notFound("snippet \(id)") }
            guard current.status != status else {
                throw StorageError.invalid("\(id) is already \(status.rawValue)")
            }
            try db.execute(
                sql: "UPDATE snippets SET status = ?, updated_at = ? WHERE id = ?",
                arguments: [status.rawValue, time, id]
            )
            try Self.appendEvent(db, id, at: time, actor: actor, action: status.rawValue, detail: reason)
            guard !current.author.hasPrefix(Self.importActorPrefix) else { return }
            let title = current.record.snippet.title
            let text =
                status == .approved
                ? SnippetNoticeText.approved(id: id, title: title)
                : SnippetNoticeText.rejected(id: id, title: title, reason: reason)
            try notify(db, current.author, text, at: time)
        }
    }

    /// A moderator corrects a snippet's text or tags; the previous and new values go into the history, and the
    /// edited text must still pass the de-identification check.
    public func edit(
        _ id: String,
        title: String? = nil,
        whatWasDone: String? = nil,
        whyItWorked: String? = nil,
        tags: [SnippetTag]? = nil,
        actor: String,
        at time: Int64
    ) throws(StorageError) {
        for text in [title, whatWasDone, whyItWorked].compactMap({ $0 }) {
            if let message = SnippetReview(text).message { throw StorageError.invalid(message) }
        }
        try database.write { db in
            guard
                let current = try Row.fetchOne(db, sql: "SELECT * FROM snippets WHERE id = ?", arguments: [id])
                    .map(Self.stored)
            else { throw StorageError.notFound("snippet \(id)") }
            let old = current.record.snippet
            let new = old.editing(title: title, whatWasDone: whatWasDone, whyItWorked: whyItWorked, tags: tags)
            guard new != old else { throw StorageError.invalid("nothing to change in \(id)") }
            try db.execute(
                sql: """
                    UPDATE snippets SET title = ?, what_was_done = ?, why_it_worked = ?, tags = ?, content_hash = ?,
                        updated_at = ? WHERE id = ?
                    """,
                arguments: [
                    new.title, new.whatWasDone, new.whyItWorked, new.tags.map(\.rawValue).joined(separator: ","),
                    Self.contentHash(new), time, id,
                ]
            )
            var changes: [String: [String: String]] = [:]
            if old.title != new.title { changes["title"] = ["from": old.title, "to": new.title] }
            if old.whatWasDone != new.whatWasDone {
                changes["what_was_done"] = ["from": old.whatWasDone, "to": new.whatWasDone]
            }
            if old.whyItWorked != new.whyItWorked {
                changes["why_it_worked"] = ["from": old.whyItWorked, "to": new.whyItWorked]
            }
            if old.tags != new.tags {
                changes["tags"] = [
                    "from": old.tags.map(\.rawValue).joined(separator: ","),
                    "to": new.tags.map(\.rawValue).joined(separator: ","),
                ]
            }
            let detail = String(decoding: try Self.canonicalEncoder.encode(changes), as: UTF8.self)
            try Self.appendEvent(db, id, at: time, actor: actor, action: "edited", detail: detail)
        }
    }

    // MARK: - Feedback

    /// "Was this useful?": one vote per person per snippet (the rater is stored as a keyed hash); the last counts.
    public func recordFeedback(_ id: String, useful: Bool, rater: String, at time: Int64) throws(StorageError) {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO snippet_feedback (snippet_id, rater_key, useful, at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(snippet_id, rater_key) DO UPDATE SET useful = excluded.useful, at = excluded.at
                    """,
                arguments: [id, database.cipher.lookupKey(rater), useful, time]
            )
        }
    }

    /// Votes per snippet id.
    public func feedback() throws(StorageError) -> [String: SnippetSearchIndex.Feedback] {
        try database.read { db in
            var tally: [String: SnippetSearchIndex.Feedback] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT snippet_id, SUM(useful) AS up, SUM(1 - useful) AS down FROM snippet_feedback
                    GROUP BY snippet_id
                    """
            ) {
                tally[row["snippet_id"]] = .init(useful: row["up"], notUseful: row["down"])
            }
            return tally
        }
    }

    // MARK: - Notices

    /// Notices not yet delivered, oldest first.
    public func pendingNotices() throws(StorageError) -> [SnippetNotice] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM snippet_notices WHERE delivered_at IS NULL ORDER BY id").map {
                SnippetNotice(id: $0["id"], createdAt: $0["created_at"], recipient: $0["recipient"], text: $0["text"])
            }
        }
    }

    public func markDelivered(_ noticeID: Int64, at time: Int64) throws(StorageError) {
        try database.write { db in
            try db.execute(
                sql: "UPDATE snippet_notices SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL",
                arguments: [time, noticeID]
            )
        }
    }

    func notify(_ db: Database, _ recipient: String, _ text: String, at time: Int64) throws {
        try db.execute(
            sql: "INSERT INTO snippet_notices (created_at, recipient, text) VALUES (?, ?, ?)",
            arguments: [time, recipient, text]
        )
    }

    // MARK: - Helpers

    /// The actor prefix of imported snippets' author: `import:<institution>`.
    public static let importActorPrefix = "import:"

    /// SHA-256 (hex) of the snippet's normalised title, what and why: equal for the same content however spaced.
    public static func contentHash(_ snippet: Snippet) -> String {
        SHA256.hash(data: Data(snippet.fingerprintText.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static var canonicalEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func appendEvent(
        _ db: Database,
        _ id: String,
        at time: Int64,
        actor: String,
        action: String,
        detail: String?
    ) throws {
        try db.execute(
            sql: "INSERT INTO snippet_events (snippet_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [id, time, actor, action, detail]
        )
    }

    static func stored(_ row: Row) -> StoredSnippet {
        let tags = (row["tags"] as String).split(separator: ",").compactMap { SnippetTag(rawValue: String($0)) }
        let snippet = Snippet(
            title: row["title"],
            whatWasDone: row["what_was_done"],
            whyItWorked: row["why_it_worked"],
            tags: tags,
            visibility: Snippet.Visibility(rawValue: row["visibility"]) ?? .institution,
            contact: row["contact"],
            institution: row["origin_institution"]
        )
        return StoredSnippet(
            record: SnippetRecord(
                id: row["id"],
                snippet: snippet,
                status: SnippetRecord.Status(rawValue: row["status"]) ?? .pending
            ),
            author: row["author"],
            createdAt: row["created_at"],
            updatedAt: row["updated_at"],
            originInstitution: row["origin_institution"],
            originID: row["origin_id"]
        )
    }
}
