public import AssistantCore
import Foundation
import GRDB

/// Concern records: created from a submitted form, read by leads, moved through the Prevent pathway, exported,
/// audited and purged by retention. Every method takes the actor (`platform:id` or `cli:user`) and writes what it
/// did to the record's chronology in the same transaction.
///
/// Access control is the caller's job (see ``ConcernDesk``); this type records whatever it is asked to, faithfully.
public struct ConcernStore: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    private var cipher: FieldCipher { database.cipher }

    // MARK: - Creating

    /// Stores a submitted concern form and returns its reference (`PC-YYYY-NNNN`, numbered within the year).
    @discardableResult
    public func create(_ submission: FormSubmission, at time: Int64) throws(StorageError) -> String {
        try database.write { db in try create(submission, at: time, in: db) }
    }

    /// Stores a submission inside an open transaction (see ``OutcomeStore``).
    func create(_ submission: FormSubmission, at time: Int64, in db: Database) throws -> String {
        let year = CalendarDate(unixSeconds: time).year
        let number =
            (try Int.fetchOne(db, sql: "SELECT MAX(number) FROM concerns WHERE year = ?", arguments: [year]) ?? 0) + 1
        let reference = String(format: "PC-%04d-%04d", year, number)
        try db.execute(
            sql: """
                INSERT INTO concerns (reference, year, number, created_at, form_id, reporter_key, reporter_sealed, urgent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                reference, year, number, time, submission.formID, cipher.lookupKey(submission.reporterID),
                try cipher.seal(submission.reporterID, context: Self.reporterContext(reference)), submission.urgent,
            ]
        )
        let id = db.lastInsertedRowID
        for (position, field) in submission.fields.enumerated() {
            // Control characters are made visible before anything is kept: they must never reach a lead's terminal.
            let display = ControlCharacters.visible(field.display)
            let sealed =
                field.sensitivity.isEncrypted
                ? try cipher.seal(display, context: Self.fieldContext(reference, field.slot)) : nil
            try db.execute(
                sql: """
                    INSERT INTO concern_fields (concern_id, position, slot, label, sensitivity, value_plain, value_sealed)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, position, field.slot, field.label, field.sensitivity.rawValue,
                    field.sensitivity.isEncrypted ? nil : display, sealed,
                ]
            )
        }
        try SubjectIndex.add(db, concernID: id, fields: submission.fields, cipher: cipher)
        // The reporter is named only inside the sealed record, never in the chronology.
        try appendEvent(
            db,
            concernID: id,
            at: time,
            actor: Self.reporterActor,
            action: "created",
            stage: .reported,
            recordDigest: try ChronologyChain.recordDigest(db, concernID: id)
        )
        return reference
    }

    // MARK: - Reading

    /// Every record, newest first, without content. Writes one `listed` audit entry.
    public func list(actor: String, at time: Int64) throws(StorageError) -> [ConcernSummary] {
        try database.write { db in
            try appendEvent(db, concernID: nil, at: time, actor: actor, action: "listed")
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM concerns ORDER BY created_at DESC, id DESC")
            return try ids.map { try summary(db, id: $0) }
        }
    }

    /// The records a reporter raised, without content; audited as `status_viewed` on each.
    public func own(reporter: String, at time: Int64) throws(StorageError) -> [ConcernSummary] {
        try database.write { db in
            let ids = try Int64.fetchAll(
                db,
                sql: "SELECT id FROM concerns WHERE reporter_key = ? ORDER BY created_at, id",
                arguments: [cipher.lookupKey(reporter)]
            )
            for id in ids {
                try appendEvent(db, concernID: id, at: time, actor: Self.reporterActor, action: "status_viewed")
            }
            return try ids.map { try summary(db, id: $0) }
        }
    }

    /// Whether `reporter` raised the record `reference`.
    public func isReporter(_ reporter: String, of reference: String) throws(StorageError) -> Bool {
        try database.read { db in
            try Bool.fetchOne(
                db,
                sql: "SELECT reporter_key = ? FROM concerns WHERE reference = ?",
                arguments: [cipher.lookupKey(reporter), reference]
            ) ?? false
        }
    }

    /// One record with its content decrypted; the read is written to its chronology first, with `reason`.
    public func read(
        _ reference: String,
        actor: String,
        reason: String,
        at time: Int64
    ) throws(StorageError) -> ConcernRecord {
        try database.write { db in
            let id = try concernID(db, reference)
            try appendEvent(db, concernID: id, at: time, actor: actor, action: "viewed", reason: reason)
            return try record(db, id: id)
        }
    }

    /// The stage histories of every record, without content, for reports and retention. Not a read of any record's
    /// content, so not audited per record.
    public func histories() throws(StorageError) -> [ConcernHistory] {
        try database.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, reference FROM concerns ORDER BY id")
            return try rows.map { row in try history(db, id: row["id"], reference: row["reference"]) }
        }
    }

    // MARK: - Changing

    /// Moves a record to `stage` (with the ideology at triage, the resolution at closing), or sets the ideology, or
    /// adds a note; `note` is kept sealed. A stage change must be one ``ConcernPathway`` allows and needs a written
    /// rationale (the note).
    public func update(
        _ reference: String,
        stage: ConcernStage?,
        ideology: IdeologyCategory? = nil,
        resolution: ConcernResolution? = nil,
        note: String?,
        actor: String,
        at time: Int64
    ) throws(StorageError) {
        if stage == .closed, resolution == nil { throw .invalid("closing a concern needs an outcome (--outcome)") }
        if stage != .closed, resolution != nil {
            throw .invalid("an outcome is given only when closing (--stage closed)")
        }
        if stage == nil, note == nil, ideology == nil {
            throw .invalid("nothing to change: give a stage, an ideology or a note")
        }
        let note = note.map(ControlCharacters.visible)
        try database.write { db in
            let id = try concernID(db, reference)
            try refuseIfPurged(db, id: id, reference: reference)
            if let stage {
                let current = try history(db, id: id, reference: reference).currentStage
                if let refusal = ConcernPathway.refusal(from: current, to: stage, rationale: note) {
                    throw StorageError.invalid("\(reference): \(refusal)")
                }
            }
            let action = stage != nil ? "stage_changed" : (ideology != nil ? "ideology_set" : "note_added")
            let eventID = try appendEvent(
                db,
                concernID: id,
                at: time,
                actor: actor,
                action: action,
                stage: stage,
                ideology: ideology,
                resolution: resolution,
                hasNote: note != nil
            )
            if let note { try addNote(db, note, concernID: id, eventID: eventID, reference: reference) }
        }
    }

    /// Reopens a closed record (back to ``ConcernPathway/reopenedStage``), with the reason kept sealed as its note.
    public func reopen(_ reference: String, reason: String, actor: String, at time: Int64) throws(StorageError) {
        let reason = ControlCharacters.visible(reason)
        try database.write { db in
            let id = try concernID(db, reference)
            try refuseIfPurged(db, id: id, reference: reference)
            let current = try history(db, id: id, reference: reference).currentStage
            if let refusal = ConcernPathway.reopenRefusal(from: current, reason: reason) {
                throw StorageError.invalid("\(reference): \(refusal)")
            }
            let eventID = try appendEvent(
                db,
                concernID: id,
                at: time,
                actor: actor,
                action: "reopened",
                stage: ConcernPathway.reopenedStage,
                hasNote: true
            )
            try addNote(db, reason, concernID: id, eventID: eventID, reference: reference)
        }
    }

    private func refuseIfPurged(_ db: Database, id: Int64, reference: String) throws {
        if try Bool.fetchOne(db, sql: "SELECT purged_at IS NOT NULL FROM concerns WHERE id = ?", arguments: [id])
            == true
        {
            throw StorageError.invalid("\(reference) was purged by the retention policy and can no longer change")
        }
    }

    private func addNote(_ db: Database, _ note: String, concernID: Int64, eventID: Int64, reference: String) throws {
        try db.execute(
            sql: "INSERT INTO concern_notes (event_id, concern_id, note_sealed) VALUES (?, ?, ?)",
            arguments: [eventID, concernID, try cipher.seal(note, context: Self.noteContext(reference, eventID))]
        )
    }

    /// Records an export of `references` by `actor` and returns the records' content.
    public func export(actor: String, at time: Int64) throws(StorageError) -> [ConcernRecord] {
        try database.write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM concerns WHERE purged_at IS NULL ORDER BY id")
            for id in ids { try appendEvent(db, concernID: id, at: time, actor: actor, action: "exported") }
            return try ids.map { try record(db, id: $0) }
        }
    }

    /// The chronology of one record (audit), itself audited. Leads' notes are opened only with `includeNotes`
    /// (an auditor reads who did what and when, not what the leads wrote).
    public func audit(
        _ reference: String,
        actor: String,
        includeNotes: Bool = true,
        at time: Int64
    ) throws(StorageError) -> [ConcernRecord.Event] {
        try database.write { db in
            let id = try concernID(db, reference)
            try appendEvent(db, concernID: id, at: time, actor: actor, action: "audit_viewed")
            return try events(db, id: id, reference: reference, includeNotes: includeNotes)
        }
    }

    /// Audit entries that belong to no record (listings, refusals, alert views), oldest first; the read is itself
    /// written to the audit first.
    public func generalAudit(actor: String, at time: Int64) throws(StorageError) -> [ConcernRecord.Event] {
        try database.write { db in
            try appendEvent(db, concernID: nil, at: time, actor: actor, action: "audit_viewed")
            return try events(db, id: nil, reference: "")
        }
    }

    /// Writes an access attempt that was refused.
    public func recordRefusal(actor: String, attempted: String, reference: String?, at time: Int64) throws(StorageError)
    {
        try recordAccess(actor: actor, action: "access_refused", reference: reference, detail: attempted, at: time)
    }

    /// Writes an access that shows no record's content to the audit: an alert listing, an acknowledgement, an
    /// integrity check. Tied to the record `reference` names, if it exists.
    public func recordAccess(
        actor: String,
        action: String,
        reference: String?,
        detail: String?,
        at time: Int64
    ) throws(StorageError) {
        try database.write { db in
            let id = try reference.flatMap {
                try Int64.fetchOne(db, sql: "SELECT id FROM concerns WHERE reference = ?", arguments: [$0])
            }
            try appendEvent(db, concernID: id, at: time, actor: actor, action: action, reason: detail)
        }
    }

    /// Removes the content of records the retention policy says are due, leaving a tombstone (reference, dates,
    /// stage history and chronology). With `dryRun`, only says which.
    public func purge(
        policy: RetentionPolicy,
        today: CalendarDate,
        actor: String,
        at time: Int64,
        dryRun: Bool
    ) throws(StorageError) -> [String] {
        let due = try histories().filter { policy.isDue($0, today: today) }.map(\.reference)
        let open = try database.read { db in
            try Set(String.fetchAll(db, sql: "SELECT reference FROM concerns WHERE purged_at IS NULL"))
        }
        let references = due.filter(open.contains)
        guard !dryRun else { return references }
        try database.write { db in
            for reference in references {
                let id = try concernID(db, reference)
                // The event first: the database lets a record be marked purged only once its purge is recorded.
                try appendEvent(
                    db,
                    concernID: id,
                    at: time,
                    actor: actor,
                    action: "purged",
                    reason: "retention policy"
                )
                try db.execute(
                    sql: "UPDATE concerns SET purged_at = ?, reporter_sealed = NULL WHERE id = ?",
                    arguments: [time, id]
                )
                try db.execute(sql: "DELETE FROM concern_fields WHERE concern_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM concern_notes WHERE concern_id = ?", arguments: [id])
            }
        }
        return references
    }

    /// Re-seals every sealed value with `newKey` in one transaction; returns how many values were re-sealed.
    /// The caller then stores the new key in place of the old.
    public func rotate(to newKey: EncryptionKey) throws(StorageError) -> Int {
        let newCipher = FieldCipher(key: newKey)
        return try database.write { db in
            // The same-person index first, while the names still open with the old key.
            try SubjectIndex.rebuild(db, opening: cipher, keying: newCipher)
            var count = 0
            for row in try Row.fetchAll(db, sql: "SELECT id, reference, reporter_sealed FROM concerns") {
                let reference: String = row["reference"]
                guard let sealed: Data = row["reporter_sealed"] else { continue }
                let context = Self.reporterContext(reference)
                let reporter = try cipher.open(sealed, context: context)
                try db.execute(
                    sql: "UPDATE concerns SET reporter_sealed = ?, reporter_key = ? WHERE id = ?",
                    arguments: [
                        try newCipher.seal(reporter, context: context), newCipher.lookupKey(reporter), row["id"],
                    ]
                )
                count += 1
            }
            count += try cipher.reseal(
                db,
                to: newCipher,
                select: """
                    SELECT f.concern_id, f.slot, f.value_sealed AS sealed, c.reference FROM concern_fields f
                    JOIN concerns c ON c.id = f.concern_id WHERE f.value_sealed IS NOT NULL
                    """,
                update: "UPDATE concern_fields SET value_sealed = ? WHERE concern_id = ? AND slot = ?",
                context: { Self.fieldContext($0["reference"], $0["slot"]) },
                keys: { [$0["concern_id"] as Int64, $0["slot"] as String] }
            )
            count += try cipher.reseal(
                db,
                to: newCipher,
                select: """
                    SELECT n.event_id, n.note_sealed AS sealed, c.reference FROM concern_notes n
                    JOIN concerns c ON c.id = n.concern_id
                    """,
                update: "UPDATE concern_notes SET note_sealed = ? WHERE event_id = ?",
                context: { Self.noteContext($0["reference"], $0["event_id"]) },
                keys: { [$0["event_id"] as Int64] }
            )
            count += try ConversationStore.reseal(db, from: cipher, to: newCipher)
            count += try cipher.reseal(
                db,
                to: newCipher,
                select: "SELECT id, platform, message_id, position, reply_sealed AS sealed FROM reply_outbox",
                update: "UPDATE reply_outbox SET reply_sealed = ? WHERE id = ?",
                context: { PlatformStateStore.context($0["platform"], $0["message_id"], $0["position"]) },
                keys: { [$0["id"] as Int64] }
            )
            count += try AlertOutbox.reseal(db, from: cipher, to: newCipher)
            count += try LearningStore.reseal(db, from: cipher, to: newCipher)
            count += try DeskAccountStore.reseal(db, from: cipher, to: newCipher)
            count += try ConcernStore.resealTasks(db, from: cipher, to: newCipher)
            count += try cipher.reseal(
                db,
                to: newCipher,
                select: "SELECT name, value AS sealed FROM store_meta WHERE name = '\(ChronologyChain.metaName)'",
                update: "UPDATE store_meta SET value = ? WHERE name = ?",
                context: { _ in ChronologyChain.context },
                keys: { [$0["name"] as String] }
            )
            return count
        }
    }

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

    private func concernID(_ db: Database, _ reference: String) throws -> Int64 {
        guard
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM concerns WHERE reference = ?", arguments: [reference])
        else {
            throw StorageError.notFound("concern \(reference)")
        }
        return id
    }

    private func summary(_ db: Database, id: Int64) throws -> ConcernSummary {
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

    private func history(_ db: Database, id: Int64, reference: String) throws -> ConcernHistory {
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

    private func record(_ db: Database, id: Int64) throws -> ConcernRecord {
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

    private func events(
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
