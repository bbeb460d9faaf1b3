import GRDB

extension ConcernStore {
    /// Assigns the record to the desk user `assignee` (a lead), replacing any earlier assignment, and writes an
    /// `assigned` event to its chronology in the same transaction.
    public func assign(_ reference: String, to assignee: String, actor: String, at time: Int64) throws(StorageError) {
        try database.write { db in
            guard
                let id = try Int64.fetchOne(
                    db,
                    sql: "SELECT id FROM concerns WHERE reference = ? AND purged_at IS NULL",
                    arguments: [reference]
                )
            else { throw StorageError.notFound("concern \(reference)") }
            try db.execute(
                sql: """
                    INSERT INTO desk_assignments (concern_id, assignee, assigned_at) VALUES (?, ?, ?)
                    ON CONFLICT(concern_id) DO UPDATE SET assignee = excluded.assignee, assigned_at = excluded.assigned_at
                    """,
                arguments: [id, assignee, time]
            )
            try appendEvent(
                db,
                concernID: id,
                at: time,
                actor: actor,
                action: "assigned",
                reason: "desk:\(assignee)"
            )
        }
    }

    /// Who the record is assigned to (a desk user name), if anyone.
    public func assignee(of reference: String) throws(StorageError) -> String? {
        try database.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT a.assignee FROM desk_assignments a JOIN concerns c ON c.id = a.concern_id
                    WHERE c.reference = ?
                    """,
                arguments: [reference]
            )
        }
    }
}
