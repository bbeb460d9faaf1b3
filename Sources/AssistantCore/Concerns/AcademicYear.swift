/// An academic year as the OfS return counts it, 1 August to 31 July, written `2025-26`.
public struct AcademicYear: Sendable, Hashable, CustomStringConvertible {
    /// The calendar year it starts in.
    public let startYear: Int

    public init(startYear: Int) {
        self.startYear = startYear
    }

    /// Parses `2025-26` (or `2025-2026`); the second year must follow the first.
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let start = Int(parts[0]), let end = Int(parts[1]) else {
            return nil
        }
        let expected = parts[1].count == 2 ? (start + 1) % 100 : start + 1
        guard end == expected else { return nil }
        self.startYear = start
    }

    public var first: CalendarDate { CalendarDate(validYear: startYear, month: 8, day: 1) }
    public var last: CalendarDate { CalendarDate(validYear: startYear + 1, month: 7, day: 31) }

    public func contains(_ date: CalendarDate) -> Bool { date >= first && date <= last }

    public var description: String {
        let end = (startYear + 1) % 100
        return "\(startYear)-\(end < 10 ? "0" : "")\(end)"
    }
}
