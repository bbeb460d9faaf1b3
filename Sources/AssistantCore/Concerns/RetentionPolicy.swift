/// How long closed concern records are kept, per resolution, before the purge removes their content and leaves a
/// tombstone. Open records are never purged.
public struct RetentionPolicy: Sendable, Hashable {
    public let months: [ConcernResolution: Int]

    public init(months: [ConcernResolution: Int]) {
        self.months = months
    }

    /// A conservative default: nothing is purged until the institution sets its own periods.
    public static let keepEverything = RetentionPolicy(months: [:])

    /// Whether `history` is due for purging on `today`.
    public func isDue(_ history: ConcernHistory, today: CalendarDate) -> Bool {
        guard let closure = history.closure, let resolution = closure.resolution, let months = months[resolution] else {
            return false
        }
        return Self.adding(months: months, to: closure.on) <= today
    }

    static func adding(months: Int, to date: CalendarDate) -> CalendarDate {
        let total = date.year * 12 + (date.month - 1) + months
        let year = total / 12
        let month = total % 12 + 1
        let day = min(date.day, CalendarDate.daysIn(month: month, year: year))
        return CalendarDate(validYear: year, month: month, day: day)
    }
}
