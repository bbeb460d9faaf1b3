public import AssistantCore
import Foundation
import GRDB

/// Tasks on records (``DeskTask``): added with an owner and a due day, completed once. Each change is an event in
/// the record's chronology (`task_added`, `task_completed`) in the same transaction; the task's text is sealed.
extension ConcernStore {
    /// Adds a task to the record and returns its id. `owner` must be a desk user (the caller checks the role).
    @discardableResult
    public func addTask(
        _ reference: String,
        text: String,
        owner: String,
        due: CalendarDate,
        actor: String,
        at time: Int64
    ) throws(StorageError) -> Int64 {
        let cipher = database.cipher
        return try database.write { db in
            let concernID = try openRecordID(db, reference)
            let id = (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM desk_tasks") ?? 0) + 1
            try db.execute(
                sql: """
                    INSERT INTO desk_tasks (id, concern_id, owner, text_sealed, due_day, due_at, created_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, concernID, owner,
                    try cipher.seal(ControlCharacters.visible(text), context: Self.taskContext(reference, id)),
                    due.description, DeskTask.overdueFrom(due), time, actor,
                ]
            )
            try appendEvent(
                db,
                concernID: concernID,
                at: time,
                actor: actor,
                action: "task_added",
                reason: "task \(id) for desk:\(owner), due \(due)"
            )
            return id
        }
    }

    /// Completes an open task of the record. A task of another record is not found (the reference and the task id
    /// must belong together), and a task already done is refused.
    public func completeTask(_ reference: String, task id: Int64, actor: String, at time: Int64) throws(StorageError) {
        try database.write { db in
            let concernID = try openRecordID(db, reference)
            guard
                let completed = try Row.fetchOne(
                    db,
                    sql: "SELECT completed_at FROM desk_tasks WHERE id = ? AND concern_id = ?",
                    arguments: [id, concernID]
                )
            else { throw StorageError.notFound("task \(id) of \(reference)") }
            guard (completed["completed_at"] as Int64?) == nil else {
                throw StorageError.invalid("task \(id) is already done")
            }
            try db.execute(
                sql: "UPDATE desk_tasks SET completed_at = ?, completed_by = ? WHERE id = ?",
                arguments: [time, actor, id]
            )
            try appendEvent(
                db,
                concernID: concernID,
                at: time,
                actor: actor,
                action: "task_completed",
                reason: "task \(id)"
            )
        }
    }

    /// The record's tasks, open ones first by due day, then done ones; their text opened. Not audited on its own:
    /// the caller shows them with the record, whose read is.
    public func tasks(of reference: String) throws(StorageError) -> [DeskTask] {
        let cipher = database.cipher
        return try database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT t.* FROM desk_tasks t JOIN concerns c ON c.id = t.concern_id WHERE c.reference = ?
                    ORDER BY t.completed_at IS NOT NULL, t.due_at, t.id
                    """,
                arguments: [reference]
            )
            return try rows.map { row in
                let id: Int64 = row["id"]
                let sealed: Data? = row["text_sealed"]
                let day: String = row["due_day"]
                return DeskTask(
                    id: id,
                    reference: reference,
                    text: try sealed.map { try cipher.open($0, context: Self.taskContext(reference, id)) } ?? "",
                    owner: row["owner"],
                    dueDay: CalendarDate(iso: day) ?? CalendarDate(unixSeconds: row["due_at"] as Int64 - 86_400),
                    dueAt: row["due_at"],
                    createdAt: row["created_at"],
                    createdBy: row["created_by"],
                    completedAt: row["completed_at"],
                    completedBy: row["completed_by"]
                )
            }
        }
    }

    static func taskContext(_ reference: String, _ id: Int64) -> String { "concern \(reference) task \(id)" }

    static func resealTasks(_ db: Database, from old: FieldCipher, to new: FieldCipher) throws -> Int {
        try old.reseal(
            db,
            to: new,
            select: """
                SELECT t.id, t.text_sealed AS sealed, c.reference FROM desk_tasks t
                JOIN concerns c ON c.id = t.concern_id WHERE t.text_sealed IS NOT NULL
                """,
            update: "UPDATE desk_tasks SET text_sealed = ? WHERE id = ?",
            context: { taskContext($0["reference"], $0["id"]) },
            keys: { [$0["id"] as Int64] }
        )
    }

    /// The id of a record that is not purged.
    private func openRecordID(_ db: Database, _ reference: String) throws -> Int64 {
        guard
            let id = try Int64.fetchOne(
                db,
                sql: "SELECT id FROM concerns WHERE reference = ? AND purged_at IS NULL",
                arguments: [reference]
            )
        else { throw StorageError.notFound("concern \(reference)") }
        return id
    }
}
