public import AssistantCore
public import Storage

/// Time from report to triage for the records raised in one academic year: how many were triaged, how many still
/// wait, and the median and 90th percentile of the time it took (seconds).
///
/// "Triaged" is ``DeskTiming/triagedAt``: the first stage move or acknowledgement of an urgent alert after the
/// record was raised. The median of an even count is the mean of the two middle values; the 90th percentile is
/// the nearest rank (the value at position ⌈0.9 × n⌉ in ascending order), so it is always a time that happened.
public struct TriageTimes: Sendable, Hashable {
    public let year: AcademicYear
    public let triaged: Int
    /// Records raised in the year that nobody has triaged yet.
    public let waiting: Int
    public let median: Int64?
    public let ninetiethPercentile: Int64?

    public init(_ timings: [DeskTiming], year: AcademicYear) {
        let inYear = timings.filter { year.contains(CalendarDate(unixSeconds: $0.createdAt)) }
        let durations = inYear.compactMap { timing in timing.triagedAt.map { max(0, $0 - timing.createdAt) } }
        self.init(durations: durations, waiting: inYear.count - durations.count, year: year)
    }

    /// From the times to triage of the year's triaged records (any order) and how many still wait.
    public init(durations: [Int64], waiting: Int, year: AcademicYear) {
        let sorted = durations.sorted()
        self.year = year
        triaged = sorted.count
        self.waiting = waiting
        median = Self.median(sorted)
        ninetiethPercentile = Self.nearestRank(sorted, percent: 90)
    }

    /// The academic year's first second and the first second after it (UTC), for a store query.
    public static func bounds(of year: AcademicYear) -> (start: Int64, end: Int64) {
        (Int64(year.first.daysSinceEpoch) * 86_400, Int64(year.last.daysSinceEpoch + 1) * 86_400)
    }

    static func median(_ sorted: [Int64]) -> Int64? {
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func nearestRank(_ sorted: [Int64], percent: Int) -> Int64? {
        guard !sorted.isEmpty else { return nil }
        let rank = (percent * sorted.count + 99) / 100
        return sorted[max(1, rank) - 1]
    }

    /// `3 h 25 min`, `2 days 4 h`, `40 min`: a duration for the page.
    public static func text(_ seconds: Int64) -> String {
        let minutes = seconds / 60
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60
        if hours < 48 { return "\(hours) h \(minutes % 60) min" }
        return "\(hours / 24) days \(hours % 24) h"
    }
}
