public import AssistantCore
import GRDB

/// One row of the desk's queue: no content, only what a lead needs to pick the next record.
public struct DeskQueueItem: Sendable, Hashable {
    public let reference: String
    public let createdAt: Int64
    public let urgent: Bool
    public let stage: ConcernStage
    /// Whether an urgent alert about this record waits for a lead's acknowledgement.
    public let alertUnacknowledged: Bool

    public init(
        reference: String,
        createdAt: Int64,
        urgent: Bool,
        stage: ConcernStage,
        alertUnacknowledged: Bool
    ) {
        self.reference = reference
        self.createdAt = createdAt
        self.urgent = urgent
        self.stage = stage
        self.alertUnacknowledged = alertUnacknowledged
    }
}

extension ConcernStore {
    /// Open (not closed, not purged) records for the desk's queue: unacknowledged urgent alerts first, then urgent,
    /// each oldest first; at most `limit`. One `listed` audit entry. Answered in one query, so the queue stays fast
    /// with tens of thousands of records.
    public func openQueue(
        stage: ConcernStage?,
        urgentOnly: Bool,
        limit: Int,
        actor: String,
        at time: Int64
    ) throws(StorageError) -> (items: [DeskQueueItem], total: Int) {
        try database.write { db in
            try appendEvent(db, concernID: nil, at: time, actor: actor, action: "listed")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    WITH latest AS (
                        SELECT e.concern_id, e.stage FROM concern_events e
                        JOIN (SELECT concern_id, MAX(id) AS id FROM concern_events
                              WHERE stage IS NOT NULL GROUP BY concern_id) m ON m.id = e.id
                    ),
                    open_alerts AS (
                        SELECT DISTINCT concern_reference FROM alerts
                        WHERE urgent = 1 AND acknowledged_at IS NULL AND concern_reference IS NOT NULL
                    )
                    SELECT c.reference, c.created_at, c.urgent, l.stage,
                           (o.concern_reference IS NOT NULL) AS alert_open
                    FROM concerns c JOIN latest l ON l.concern_id = c.id
                    LEFT JOIN open_alerts o ON o.concern_reference = c.reference
                    WHERE c.purged_at IS NULL AND l.stage != 'closed'
                      AND (?1 IS NULL OR l.stage = ?1) AND (?2 = 0 OR c.urgent = 1)
                    ORDER BY alert_open DESC, c.urgent DESC, c.created_at, c.id
                    """,
                arguments: [stage?.rawValue, urgentOnly]
            )
            let items = rows.prefix(limit).map { row in
                DeskQueueItem(
                    reference: row["reference"],
                    createdAt: row["created_at"],
                    urgent: row["urgent"],
                    stage: ConcernStage(rawValue: row["stage"]) ?? .reported,
                    alertUnacknowledged: row["alert_open"]
                )
            }
            return (items, rows.count)
        }
    }
}
