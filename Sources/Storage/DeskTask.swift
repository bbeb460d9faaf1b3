public import AssistantCore

/// A task on a concern record: what is to be done, by which desk user, by which day; and, once done, who
/// completed it and when.
public struct DeskTask: Sendable, Hashable, Identifiable {
    public let id: Int64
    public let reference: String
    /// What is to be done (opened from its sealed form; empty once retention purged the record).
    public let text: String
    /// The desk user who is to do it.
    public let owner: String
    /// The last day it may be done on (UTC).
    public let dueDay: CalendarDate
    /// The first second after ``dueDay``: from then on the task is overdue.
    public let dueAt: Int64
    public let createdAt: Int64
    public let createdBy: String
    public let completedAt: Int64?
    public let completedBy: String?

    public init(
        id: Int64,
        reference: String,
        text: String,
        owner: String,
        dueDay: CalendarDate,
        dueAt: Int64,
        createdAt: Int64,
        createdBy: String,
        completedAt: Int64?,
        completedBy: String?
    ) {
        self.id = id
        self.reference = reference
        self.text = text
        self.owner = owner
        self.dueDay = dueDay
        self.dueAt = dueAt
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.completedAt = completedAt
        self.completedBy = completedBy
    }

    public var isDone: Bool { completedAt != nil }

    /// Whether it is still open after its due day, at `time`.
    public func isOverdue(at time: Int64) -> Bool { !isDone && time >= dueAt }

    /// The first second after `day` (UTC): when a task due on `day` becomes overdue.
    public static func overdueFrom(_ day: CalendarDate) -> Int64 { Int64(day.daysSinceEpoch + 1) * 86_400 }
}
