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

extension ConcernStore {
    /// Time to triage (seconds) of each record raised from `start` up to `end` (unix seconds) that was triaged, in
    /// ascending order, and how many of them were not: the same as ``timings()`` filtered, worked out by SQLite so
    /// the reports page reads tens of numbers instead of every record.
    public func triageDurations(
        raisedFrom start: Int64,
        before end: Int64
    ) throws(StorageError) -> (
        durations: [Int64], waiting: Int
    ) {
        try database.read { db in
            let values = try Optional<Int64>.fetchAll(
                db,
                sql: """
                    SELECT (SELECT MIN(e.at) FROM concern_events e WHERE e.concern_id = c.id AND e.action != 'created'
                              AND (e.stage IS NOT NULL OR e.action = 'alert_acknowledged')) - c.created_at AS took
                    FROM concerns c WHERE c.created_at >= ? AND c.created_at < ? ORDER BY took
                    """,
                arguments: [start, end]
            )
            let durations = values.compactMap { $0.map { max(0, $0) } }
            return (durations, values.count - durations.count)
        }
    }

    /// How many open (not closed) records are at each stage in each age band at `time`: `bandStarts` are the bands'
    /// first days (ascending, the first 0); the result has one count per band for each stage that has any record.
    public func openStageAges(at time: Int64, bandStarts: [Int64]) throws(StorageError) -> [ConcernStage: [Int]] {
        let band =
            "CASE "
            + bandStarts.enumerated().reversed().map {
                "WHEN (? - c.created_at) / 86400 >= \($0.element) THEN \($0.offset)"
            }
            .joined(separator: " ") + " ELSE 0 END"
        return try database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.stage, \(band) AS band, COUNT(*) AS n
                    FROM desk_current_stage s JOIN concerns c ON c.id = s.concern_id
                    WHERE s.stage != 'closed' GROUP BY s.stage, band
                    """,
                arguments: StatementArguments(Array(repeating: time, count: bandStarts.count))
            )
            var counts: [ConcernStage: [Int]] = [:]
            for row in rows {
                guard let stage = ConcernStage(rawValue: row[0]) else { continue }
                let index: Int = row[1]
                guard bandStarts.indices.contains(index) else { continue }
                counts[stage, default: Array(repeating: 0, count: bandStarts.count)][index] += row[2] as Int
            }
            return counts
        }
    }
}
