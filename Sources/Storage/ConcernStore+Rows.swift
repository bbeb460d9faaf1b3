import AssistantCore
import Foundation
import GRDB

/// The chronology chain and reading rows into summaries, histories and records, inside a transaction.
extension ConcernStore {
    // MARK: - Internals

    /// Appends one event to the chronology, linked to the one before (``ChronologyChain``), and moves the chain
    /// head to it.
    @discardableResult
    func appendEvent(
        _ db: Database,
        concernID: Int64?,
        at time: Int64,
        actor: String,
        action: String,
        stage: ConcernStage? = nil,
        ideology: IdeologyCategory? = nil,
        resolution: ConcernResolution? = nil,
        reason: String? = nil,
        hasNote: Bool = false,
        recordDigest: Data? = nil
    ) throws -> Int64 {
        let previous =
            try Data.fetchOne(db, sql: "SELECT chain FROM chain_head WHERE id = 1") ?? ChronologyChain.genesis
        let id = (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM concern_events") ?? 0) + 1
        let columns: [String: (any DatabaseValueConvertible)?] = [
            "id": id, "concern_id": concernID, "at": time, "actor": ControlCharacters.visible(actor),
            "action": action, "stage": stage?.rawValue, "ideology": ideology?.rawValue,
            "resolution": resolution?.rawValue, "reason": reason.map(ControlCharacters.visible), "has_note": hasNote,
            "record_digest": recordDigest,
        ]
        let link = database.chain.link(after: previous, content: ChronologyChain.eventDigest(Row(columns)))
        let names = columns.keys.sorted()
        try db.execute(
            sql: """
                INSERT INTO concern_events (\(names.joined(separator: ", ")), chain)
                VALUES (\(Array(repeating: "?", count: names.count + 1).joined(separator: ", ")))
                """,
            arguments: StatementArguments(names.map { columns[$0] ?? nil } + [link])
        )
        try db.execute(
            sql: """
                INSERT INTO chain_head (id, event_id, chain) VALUES (1, ?, ?)
                ON CONFLICT(id) DO UPDATE SET event_id = excluded.event_id, chain = excluded.chain
                """,
            arguments: [id, link]
        )
        return id
    }

    func concernID(_ db: Database, _ reference: String) throws -> Int64 {
        guard
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM concerns WHERE reference = ?", arguments: [reference])
        else {
            throw StorageError.notFound("concern \(reference)")
        }
        return id
    }

    func summary(_ db: Database, id: Int64) throws -> ConcernSummary {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM concerns WHERE id = ?", arguments: [id]) else {
            throw StorageError.notFound("concern #\(id)")
        }
        let history = try history(db, id: id, reference: row["reference"])
        return ConcernSummary(
            reference: row["reference"],
            createdAt: row["created_at"],
            urgent: row["urgent"],
            stage: history.currentStage,
            ideology: history.ideology,
            purged: (row["purged_at"] as Int64?) != nil
        )
    }

    func history(_ db: Database, id: Int64, reference: String) throws -> ConcernHistory {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT at, stage, ideology, resolution FROM concern_events
                WHERE concern_id = ? AND (stage IS NOT NULL OR ideology IS NOT NULL) ORDER BY id
                """,
            arguments: [id]
        )
        var changes: [StageChange] = []
        var stage = ConcernStage.reported
        for row in rows {
            if let text: String = row["stage"], let next = ConcernStage(rawValue: text) { stage = next }
            changes.append(
                StageChange(
                    stage: stage,
                    on: CalendarDate(unixSeconds: row["at"]),
                    ideology: (row["ideology"] as String?).flatMap(IdeologyCategory.init(rawValue:)),
                    resolution: (row["resolution"] as String?).flatMap(ConcernResolution.init(rawValue:))
                )
            )
        }
        return ConcernHistory(reference: reference, changes: changes)
    }

    func record(_ db: Database, id: Int64) throws -> ConcernRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM concerns WHERE id = ?", arguments: [id]) else {
            throw StorageError.notFound("concern #\(id)")
        }
        let reference: String = row["reference"]
        let fieldRows = try Row.fetchAll(
            db,
            sql: "SELECT * FROM concern_fields WHERE concern_id = ? ORDER BY position",
            arguments: [id]
        )
        let fields = try fieldRows.map { field -> ConcernRecord.Field in
            let slot: String = field["slot"]
            let value: String
            if let sealed: Data = field["value_sealed"] {
                value = try cipher.open(sealed, context: Self.fieldContext(reference, slot))
            } else {
                value = field["value_plain"] ?? ""
            }
            return ConcernRecord.Field(
                slot: slot,
                label: field["label"],
                value: value,
                sensitivity: FormSlot.Sensitivity(rawValue: field["sensitivity"]) ?? .freeText
            )
        }
        let reporter = try (row["reporter_sealed"] as Data?).map {
            try cipher.open($0, context: Self.reporterContext(reference))
        }
        return ConcernRecord(
            reference: reference,
            createdAt: row["created_at"],
            formID: row["form_id"],
            reporter: reporter,
            urgent: row["urgent"],
            purged: (row["purged_at"] as Int64?) != nil,
            fields: fields,
            history: try history(db, id: id, reference: reference),
            events: try events(db, id: id, reference: reference)
        )
    }

    func events(
        _ db: Database,
        id: Int64?,
        reference: String,
        includeNotes: Bool = true
    ) throws -> [ConcernRecord.Event] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT e.*, n.note_sealed FROM concern_events e LEFT JOIN concern_notes n ON n.event_id = e.id
                WHERE e.concern_id IS ? ORDER BY e.id
                """,
            arguments: [id]
        )
        return try rows.map { row in
            let eventID: Int64 = row["id"]
            return ConcernRecord.Event(
                at: row["at"],
                actor: row["actor"],
                action: row["action"],
                stage: (row["stage"] as String?).flatMap(ConcernStage.init(rawValue:)),
                reason: row["reason"],
                note: includeNotes
                    ? try (row["note_sealed"] as Data?).map {
                        try cipher.open($0, context: Self.noteContext(reference, eventID))
                    } : nil
            )
        }
    }

    /// How the chronology names the reporter (who they are is sealed in the record).
    public static let reporterActor = "reporter"

    static func reporterContext(_ reference: String) -> String { "concern \(reference) reporter" }
    static func fieldContext(_ reference: String, _ slot: String) -> String { "concern \(reference) field \(slot)" }
    static func noteContext(_ reference: String, _ eventID: Int64) -> String { "concern \(reference) note \(eventID)" }
}
