import AssistantCore
import AssistantService
import Foundation
import Storage

/// Concern records as JSON, CSV and table lines for the host commands. Text for the terminal and CSV cells show
/// control characters as visible placeholders (``ControlCharacters``), whatever the store holds, so a record can
/// never send escape sequences to a lead's terminal or spreadsheet.
enum ConcernOutput {
    static func summaryLine(_ summary: ConcernSummary) -> String { terminalSafe(ConcernText.listLine(summary)) }
    static func recordText(_ record: ConcernRecord) -> String { terminalSafe(ConcernText.record(record)) }
    static func eventLine(_ event: ConcernRecord.Event) -> String { terminalSafe(ConcernText.eventLine(event)) }
    static func terminalSafe(_ text: String) -> String { ControlCharacters.visible(text) }
    static func isoTime(_ time: Int64) -> String { ConcernText.isoTime(time) }

    /// Pretty-printed JSON with sorted keys, as the host commands print it.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// One row per record: fixed columns, then one column per slot seen in any record.
    static func csv(_ records: [ConcernRecord]) -> String {
        var slots: [String] = []
        for record in records {
            for field in record.fields where !slots.contains(field.slot) { slots.append(field.slot) }
        }
        var lines = [
            (["reference", "created_at", "urgent", "stage", "reporter"] + slots).map(cell).joined(separator: ",")
        ]
        for record in records {
            var row = [
                record.reference, isoTime(record.createdAt), record.urgent ? "yes" : "no", record.stage.rawValue,
            ]
            row.append(record.reporter ?? "")
            for slot in slots { row.append(record.fields.first { $0.slot == slot }?.value ?? "") }
            lines.append(row.map(cell).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180 quoting; a leading =, +, - or @ (or a tab, which some spreadsheets skip before one) is prefixed with
    /// ' so spreadsheets do not run it as a formula.
    static func cell(_ text: String) -> String {
        var value = terminalSafe(text)
        if let first = value.first, "=+-@\t".contains(first) { value = "'" + value }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
