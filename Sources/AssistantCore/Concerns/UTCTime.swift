/// Unix seconds as the texts staff see show them, in UTC, without a clock or a formatter.
public enum UTCTime {
    /// `time` as ISO 8601 to the second, e.g. `2026-12-07T14:05:09Z`.
    public static func iso(_ time: Int64) -> String {
        let (hours, minutes, seconds) = clock(time)
        return "\(CalendarDate(unixSeconds: time))T\(two(hours)):\(two(minutes)):\(two(seconds))Z"
    }

    /// `time` to the minute, e.g. `2026-12-07 14:05` (the alerts say "UTC" after it).
    public static func minute(_ time: Int64) -> String {
        let (hours, minutes, _) = clock(time)
        return "\(CalendarDate(unixSeconds: time)) \(two(hours)):\(two(minutes))"
    }

    private static func clock(_ time: Int64) -> (Int64, Int64, Int64) {
        let seconds = ((time % 86_400) + 86_400) % 86_400
        return (seconds / 3_600, (seconds % 3_600) / 60, seconds % 60)
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
