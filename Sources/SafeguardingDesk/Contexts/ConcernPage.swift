/// One record: its facts, answers, same-person links, tasks, chronology and the actions offered.
struct ConcernPage: Sendable {
    /// One answer.
    struct Field: Sendable {
        let label: String
        let value: String
    }

    /// One chronology entry.
    struct Event: Sendable {
        let time: String
        let actor: String
        let action: String
        let stage: String
        let reason: String
        let note: String?
    }

    /// A value of a select list.
    struct Option: Sendable {
        let value: String
        let label: String
    }

    /// A lead to assign to or to own a task.
    struct Lead: Sendable {
        let name: String
        let selected: Bool
    }

    /// One task.
    struct Task: Sendable {
        let id: Int64
        let text: String
        let owner: String
        let due: String
        let overdue: Bool
        let done: Bool
        let completed: String
        let completedBy: String
    }

    /// Another record about the same person.
    struct Linked: Sendable {
        let reference: String
        let created: String
        let from: String
    }

    let reference: String
    let urgent: Bool
    let stage: String
    let created: String
    let age: String
    let purged: Bool
    let fields: [Field]
    let events: [Event]
    let alertOpen: Bool
    let next: [Option]
    let canMove: Bool
    let closed: Bool
    let canChange: Bool
    let outcomes: [Option]
    let ideologies: [Option]
    let minimum: Int
    let assignee: String?
    let leads: [Lead]
    let tasks: [Task]
    let anyTasks: Bool
    let today: String
    let linked: [Linked]
    let anyLinked: Bool
    let error: String?
}

/// The printable record.
struct PrintPage: Sendable {
    let reference: String
    let urgent: Bool
    let stage: String
    let created: String
    let printed: String
    let by: String
    let fields: [ConcernPage.Field]
    let events: [ConcernPage.Event]
}
