public import AssistantCore
import Foundation
import GRDB

/// Retention and keys: purging content the policy says is due, and re-sealing every value with a new key.
extension ConcernStore {
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
}
