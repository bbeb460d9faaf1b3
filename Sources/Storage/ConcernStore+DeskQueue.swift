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
    /// The desk user it is assigned to, if anyone.
    public let assignee: String?
    /// How many of its tasks are not done yet.
    public let openTasks: Int
    /// How many of those are past their due day.
    public let overdueTasks: Int
    /// The earliest due day of its open tasks, if any.
    public let nextDue: CalendarDate?

    public init(
        reference: String,
        createdAt: Int64,
        urgent: Bool,
        stage: ConcernStage,
        alertUnacknowledged: Bool,
        assignee: String? = nil,
        openTasks: Int = 0,
        overdueTasks: Int = 0,
        nextDue: CalendarDate? = nil
    ) {
        self.reference = reference
        self.createdAt = createdAt
        self.urgent = urgent
        self.stage = stage
        self.alertUnacknowledged = alertUnacknowledged
        self.assignee = assignee
        self.openTasks = openTasks
        self.overdueTasks = overdueTasks
        self.nextDue = nextDue
    }
}

extension ConcernStore {
    /// Open (not closed, not purged) records for the desk's queue: unacknowledged urgent alerts first, then urgent,
    /// each oldest first; at most `limit`, with how many match. One `listed` audit entry. Reads each record's stage
    /// from `desk_current_stage` (``DeskMigration``), so the queue stays fast with tens of thousands of records.
    /// With `overdueOnly`, only records with an open task past its due day at `time`.
    public func openQueue(
        stage: ConcernStage?,
        urgentOnly: Bool,
        assignee: String? = nil,
        overdueOnly: Bool = false,
        limit: Int,
        actor: String,
        at time: Int64
    ) throws(StorageError) -> (items: [DeskQueueItem], total: Int) {
        try database.write { db in
            try appendEvent(db, concernID: nil, at: time, actor: actor, action: "listed")
            // Only the filters asked for are in the SQL, so SQLite can use the stage index.
            var conditions = ["c.purged_at IS NULL", "s.stage != 'closed'"]
            var arguments: StatementArguments = []
            if let stage {
                conditions.append("s.stage = ?")
                arguments += [stage.rawValue]
            }
            if urgentOnly { conditions.append("c.urgent = 1") }
            if let assignee {
                conditions.append("d.assignee = ?")
                arguments += [assignee]
            }
            if overdueOnly {
                conditions.append(
                    "c.id IN (SELECT concern_id FROM desk_tasks WHERE completed_at IS NULL AND due_at <= ?)"
                )
                arguments += [time]
            }
            let openRecords = """
                SELECT c.id, c.reference, c.created_at, c.urgent, s.stage, d.assignee,
                       EXISTS (SELECT 1 FROM alerts a WHERE a.concern_reference = c.reference AND a.urgent = 1
                               AND a.acknowledged_at IS NULL) AS alert_open
                FROM desk_current_stage s JOIN concerns c ON c.id = s.concern_id
                LEFT JOIN desk_assignments d ON d.concern_id = c.id
                WHERE \(conditions.joined(separator: " AND "))
                """
            // Task counts only for the rows shown, so a long queue costs no more than before.
            let tasks = """
                SELECT q.*, (SELECT COUNT(*) FROM desk_tasks t WHERE t.concern_id = q.id AND t.completed_at IS NULL)
                           AS open_tasks,
                       (SELECT COUNT(*) FROM desk_tasks t WHERE t.concern_id = q.id AND t.completed_at IS NULL
                           AND t.due_at <= ?) AS overdue_tasks,
                       (SELECT MIN(t.due_day) FROM desk_tasks t WHERE t.concern_id = q.id AND t.completed_at IS NULL)
                           AS next_due
                FROM (\(openRecords) ORDER BY alert_open DESC, c.urgent DESC, c.created_at, c.id LIMIT ?) q
                """
            let total =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(openRecords))", arguments: arguments) ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: tasks + " ORDER BY q.alert_open DESC, q.urgent DESC, q.created_at, q.id",
                arguments: StatementArguments([time]) + arguments + [limit]
            )
            let items = rows.map { row in
                DeskQueueItem(
                    reference: row["reference"],
                    createdAt: row["created_at"],
                    urgent: row["urgent"],
                    stage: ConcernStage(rawValue: row["stage"]) ?? .reported,
                    alertUnacknowledged: row["alert_open"],
                    assignee: row["assignee"],
                    openTasks: row["open_tasks"],
                    overdueTasks: row["overdue_tasks"],
                    nextDue: (row["next_due"] as String?).flatMap(CalendarDate.init(iso:))
                )
            }
            return (items, total)
        }
    }
}
