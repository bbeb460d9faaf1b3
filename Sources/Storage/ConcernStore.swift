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

    var cipher: FieldCipher { database.cipher }

    // MARK: - Creating

    /// Stores a submitted concern form and returns its reference (`PC-YYYY-NNNN`, numbered within the year).
    @discardableResult
    public func create(_ submission: FormSubmission, at time: Int64) throws(StorageError) -> String {
        try database.write { db in try create(submission, at: time, in: db) }
    }

    /// Stores a submission inside an open transaction.
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
}
