public import AssistantCore
import Foundation
import GRDB

/// Exports, the audit trail and the access entries that show no record's content.
extension ConcernStore {
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
}
