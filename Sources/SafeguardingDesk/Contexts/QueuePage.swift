/// The queue: open records with the filters as chosen.
struct QueuePage: Sendable {
    /// One open record.
    struct Row: Sendable {
        let reference: String
        let urgent: Bool
        let stage: String
        let age: String
        let created: String
        let alert: Bool
        let assignee: String?
        let openTasks: Int
        let overdueTasks: Int
        let hasTasks: Bool
        let hasOverdue: Bool
        let nextDue: String
    }

    /// One choice of a filter's list.
    struct Choice: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    /// A lead to filter by.
    struct Lead: Sendable {
        let name: String
        let selected: Bool
    }

    let rows: [Row]
    let any: Bool
    let total: Int
    let shown: Int
    let more: Bool
    let stages: [Choice]
    let urgentOnly: Bool
    let overdueOnly: Bool
    let leads: [Lead]
}

/// The deputies' and leads' page of urgent alerts no lead has acknowledged.
struct AlertsPage: Sendable {
    /// One alert.
    struct Row: Sendable {
        let id: Int64
        let reference: String
        let kind: String
        let created: String
        let age: String
        let canAcknowledge: Bool
    }

    let rows: [Row]
    let any: Bool
}

/// The audit trail with its filters.
struct AuditPage: Sendable {
    /// One audit entry.
    struct Row: Sendable {
        let time: String
        let actor: String
        let action: String
        let reference: String
        let stage: String
        let reason: String
    }

    let rows: [Row]
    let any: Bool
    let reference: String
    let actor: String
    let since: String
    let limit: Int
    let error: String?
}
