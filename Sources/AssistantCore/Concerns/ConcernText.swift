/// How concern records read as text, in chat and on the host (the host commands make control characters visible
/// on top of this).
public enum ConcernText {
    public static func day(_ time: Int64) -> String { CalendarDate(unixSeconds: time).description }

    public static func statusLine(_ summary: ConcernSummary) -> String {
        "\(summary.reference) (raised \(day(summary.createdAt))): \(summary.stage.label)"
    }

    public static func listLine(_ summary: ConcernSummary) -> String {
        var parts = [summary.reference, day(summary.createdAt), summary.stage.rawValue]
        if summary.urgent { parts.append("URGENT") }
        if let ideology = summary.ideology { parts.append(ideology.rawValue) }
        if summary.purged { parts.append("purged") }
        return parts.joined(separator: " · ")
    }

    public static func record(_ record: ConcernRecord) -> String {
        var lines = [
            "\(record.reference)\(record.urgent ? " (URGENT)" : "") — raised \(day(record.createdAt)) by "
                + "\(record.reporter ?? "(purged)") — stage: \(record.stage.label)"
        ]
        if record.purged { lines.append("Content purged under the retention policy.") }
        for field in record.fields { lines.append("- \(field.label): \(field.value)") }
        lines.append("Chronology:")
        for event in record.events { lines.append("  " + eventLine(event)) }
        return lines.joined(separator: "\n")
    }

    /// One chronology entry as a line.
    public static func eventLine(_ event: ConcernRecord.Event) -> String {
        var line = "\(isoTime(event.at)) \(event.actor) \(event.action)"
        if let stage = event.stage { line += " → \(stage.rawValue)" }
        if let reason = event.reason { line += " (\(reason))" }
        if let note = event.note { line += " — note: \(note)" }
        return line
    }

    /// `time` as ISO 8601 in UTC.
    public static func isoTime(_ time: Int64) -> String { UTCTime.iso(time) }
}
