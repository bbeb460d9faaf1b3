public import AssistantCore
import Foundation
import GRDB

/// The review queue: kept questions (de-identified, sealed), counters of misses not kept, and review decisions.
/// Kept questions expire after `learning.keep_days` (``purge(before:)``, run by housekeeping).
///
/// Access rules are the caller's job (the `review` command checks the host user's role).
public struct LearningStore: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// A kept question as stored.
    public struct Kept: Sendable, Hashable {
        public let id: Int64
        public let keptAt: Int64
        public let question: MissedQuestion
        /// `open`, `accepted` or `ignored`.
        public let status: String
    }

    /// A review decision as recorded.
    public struct Decision: Sendable, Hashable {
        public let at: Int64
        public let actor: String
        public let cluster: String
        public let action: String
        public let intent: String?
        public let questionIDs: [Int64]
    }

    static func context(_ id: Int64) -> String { "learning question \(id)" }

    // MARK: - Writing

    /// Keeps `question` (already de-identified) at `time`; returns its id.
    @discardableResult
    public func keep(_ question: MissedQuestion, at time: Int64) throws(StorageError) -> Int64 {
        try database.write { db in try keep(question, at: time, in: db) }
    }

    /// Keeps a question inside an open transaction.
    func keep(_ question: MissedQuestion, at time: Int64, in db: Database) throws -> Int64 {
        let candidates = String(decoding: try JSONEncoder().encode(question.candidates), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO learning_questions (kept_at, day, platform, reason, route, question_sealed, candidates)
                VALUES (?, ?, ?, ?, ?, x'', ?)
                """,
            arguments: [
                time, question.day, question.platform, question.reason.rawValue, question.route, candidates,
            ]
        )
        let id = db.lastInsertedRowID
        try db.execute(
            sql: "UPDATE learning_questions SET question_sealed = ? WHERE id = ?",
            arguments: [try database.cipher.seal(question.text, context: Self.context(id)), id]
        )
        return id
    }

    /// Counts a miss that was not kept.
    public func count(_ miss: UnkeptMiss) throws(StorageError) {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO learning_counters (day, platform, why, count) VALUES (?, ?, ?, 1)
                    ON CONFLICT (day, platform, why) DO UPDATE SET count = count + 1
                    """,
                arguments: [miss.day, miss.platform, miss.why.rawValue]
            )
        }
    }

    /// Records a decision on a cluster and marks its questions accepted or ignored, in one transaction.
    public func decide(
        cluster: String,
        questionIDs: [Int64],
        action: String,
        intent: String?,
        actor: String,
        at time: Int64
    ) throws(StorageError) {
        guard ["accepted", "ignored"].contains(action) else { throw .invalid("unknown review action '\(action)'") }
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO learning_decisions (at, actor, cluster, action, intent, question_ids)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    time, actor, cluster, action, intent, questionIDs.map(String.init).joined(separator: ","),
                ]
            )
            for id in questionIDs {
                try db.execute(
                    sql: "UPDATE learning_questions SET status = ? WHERE id = ?",
                    arguments: [action, id]
                )
            }
        }
    }

    // MARK: - Reading

    /// Kept questions with `status` (all when `nil`), oldest first.
    public func questions(status: String? = "open") throws(StorageError) -> [Kept] {
        try database.read { db in
            let rows =
                if let status {
                    try Row.fetchAll(
                        db,
                        sql: "SELECT * FROM learning_questions WHERE status = ? ORDER BY id",
                        arguments: [status]
                    )
                } else {
                    try Row.fetchAll(db, sql: "SELECT * FROM learning_questions ORDER BY id")
                }
            return try rows.map { row in try kept(row) }
        }
    }

    private func kept(_ row: Row) throws -> Kept {
        let id: Int64 = row["id"]
        let text = try database.cipher.open(row["question_sealed"], context: Self.context(id))
        let candidatesText: String = row["candidates"]
        let candidates =
            (try? JSONDecoder().decode([MissedQuestion.Candidate].self, from: Data(candidatesText.utf8))) ?? []
        let reason: String = row["reason"]
        let question = MissedQuestion(
            text: text,
            reason: MissedQuestion.Reason(rawValue: reason) ?? .declined,
            route: row["route"],
            candidates: candidates,
            platform: row["platform"],
            day: row["day"]
        )
        return Kept(id: id, keptAt: row["kept_at"], question: question, status: row["status"])
    }

    /// Misses counted but not kept, by reason, in total.
    public func unkeptCounts() throws(StorageError) -> [String: Int] {
        try database.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT why, SUM(count) AS total FROM learning_counters GROUP BY why")
            {
                counts[row["why"]] = row["total"]
            }
            return counts
        }
    }

    /// Every decision, oldest first.
    public func decisions() throws(StorageError) -> [Decision] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM learning_decisions ORDER BY id").map { row in
                let ids: String = row["question_ids"]
                return Decision(
                    at: row["at"],
                    actor: row["actor"],
                    cluster: row["cluster"],
                    action: row["action"],
                    intent: row["intent"],
                    questionIDs: ids.split(separator: ",").compactMap { Int64($0) }
                )
            }
        }
    }

    // MARK: - Retention

    /// Removes kept questions kept before `cutoff` (Unix seconds) and counters for days before it; returns how
    /// many questions were removed. Decisions stay (they name question ids only).
    @discardableResult
    public func purge(before cutoff: Int64) throws(StorageError) -> Int {
        let day = CalendarDate(unixSeconds: cutoff).description
        return try database.write { db in
            try db.execute(sql: "DELETE FROM learning_questions WHERE kept_at < ?", arguments: [cutoff])
            let removed = db.changesCount
            try db.execute(sql: "DELETE FROM learning_counters WHERE day < ?", arguments: [day])
            return removed
        }
    }

    /// Re-seals every kept question for key rotation.
    static func reseal(_ db: Database, from old: FieldCipher, to new: FieldCipher) throws -> Int {
        try old.reseal(
            db,
            to: new,
            select: "SELECT id, question_sealed AS sealed FROM learning_questions",
            update: "UPDATE learning_questions SET question_sealed = ? WHERE id = ?",
            context: { context($0["id"]) },
            keys: { [$0["id"] as Int64] }
        )
    }
}
