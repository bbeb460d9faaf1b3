public import AssistantCore
import GRDB

/// When a record was raised, where it is now and when it was first triaged: the desk's reports on stage, age and
/// time to triage. No content.
public struct DeskTiming: Sendable, Hashable {
    public let reference: String
    public let createdAt: Int64
    public let stage: ConcernStage
    /// The first stage move or acknowledgement of an urgent alert about it after it was raised, if any.
    public let triagedAt: Int64?

    public init(reference: String, createdAt: Int64, stage: ConcernStage, triagedAt: Int64?) {
        self.reference = reference
        self.createdAt = createdAt
        self.stage = stage
        self.triagedAt = triagedAt
    }
}

extension ConcernStore {
    /// Every record's ``DeskTiming``, oldest first, in one query. "Triaged" is the first event after `created` that
    /// moves the stage (any move the pathway allows) or acknowledges an urgent alert about the record, by any path
    /// (chat, host, desk). Not audited here: the caller writes one `report_run`.
    public func timings() throws(StorageError) -> [DeskTiming] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.reference, c.created_at, s.stage,
                           (SELECT MIN(e.at) FROM concern_events e WHERE e.concern_id = c.id AND e.action != 'created'
                              AND (e.stage IS NOT NULL OR e.action = 'alert_acknowledged')) AS triaged_at
                    FROM concerns c LEFT JOIN desk_current_stage s ON s.concern_id = c.id
                    ORDER BY c.created_at, c.id
                    """
            ).map { row in
                DeskTiming(
                    reference: row["reference"],
                    createdAt: row["created_at"],
                    stage: (row["stage"] as String?).flatMap(ConcernStage.init(rawValue:)) ?? .reported,
                    triagedAt: row["triaged_at"]
                )
            }
        }
    }
}
