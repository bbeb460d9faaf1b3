import GRDB

/// One audit entry as the desk's audit page shows it: who did what, when, to which record; never a note's text.
public struct DeskAuditEntry: Sendable, Hashable {
    public let at: Int64
    public let actor: String
    public let action: String
    public let reference: String?
    public let stage: String?
    public let reason: String?

    public init(at: Int64, actor: String, action: String, reference: String?, stage: String?, reason: String?) {
        self.at = at
        self.actor = actor
        self.action = action
        self.reference = reference
        self.stage = stage
        self.reason = reason
    }
}

extension ConcernStore {
    /// The newest audit entries (at most `limit`), optionally only for one record, one actor, or from a time on; the
    /// read is itself written to the audit first.
    public func auditTrail(
        reference: String?,
        actorFilter: String?,
        since: Int64?,
        limit: Int,
        actor: String,
        at time: Int64
    ) throws(StorageError) -> [DeskAuditEntry] {
        try database.write { db in
            let id = try reference.flatMap {
                try Int64.fetchOne(db, sql: "SELECT id FROM concerns WHERE reference = ?", arguments: [$0])
            }
            try appendEvent(db, concernID: id, at: time, actor: actor, action: "audit_viewed")
            if reference != nil, id == nil { return [] }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.at, e.actor, e.action, e.stage, e.reason, c.reference FROM concern_events e
                    LEFT JOIN concerns c ON c.id = e.concern_id
                    WHERE (?1 IS NULL OR e.concern_id = ?1) AND (?2 IS NULL OR e.actor = ?2)
                      AND (?3 IS NULL OR e.at >= ?3)
                    ORDER BY e.id DESC LIMIT ?4
                    """,
                arguments: [id, actorFilter, since, limit]
            )
            return rows.map { row in
                DeskAuditEntry(
                    at: row["at"],
                    actor: row["actor"],
                    action: row["action"],
                    reference: row["reference"],
                    stage: row["stage"],
                    reason: row["reason"]
                )
            }
        }
    }
}
