import AssistantCore
import Foundation
import GRDB

/// Alerts for the safeguarding team, queued durably: what the runtime posts to the configured safeguarding room
/// (reference, urgency and stage only — never names or details). An urgent alert that no lead acknowledges in time
/// is escalated to the deputy contact.
public struct AlertOutbox: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// One queued alert.
    public struct Alert: Sendable, Hashable {
        public let id: Int64
        public let createdAt: Int64
        public let kind: String
        public let urgent: Bool
        public let concernReference: String?
        /// The text to post: never names or details.
        public let text: String
        /// `team` (the safeguarding room) or `deputy`.
        public let recipient: String
        public let deliveredAt: Int64?
        public let acknowledgedAt: Int64?
    }

    /// Alerts not yet delivered, oldest first.
    public func pending() throws(StorageError) -> [Alert] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM alerts WHERE delivered_at IS NULL ORDER BY id").map(Self.alert)
        }
    }

    /// Every alert, oldest first.
    public func all() throws(StorageError) -> [Alert] {
        try database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM alerts ORDER BY id").map(Self.alert) }
    }

    /// The reporter identity of an urgent alert, for a lead.
    public func reporter(of id: Int64) throws(StorageError) -> String? {
        let sealed = try database.read { db in
            try Data.fetchOne(db, sql: "SELECT reporter_sealed FROM alerts WHERE id = ?", arguments: [id])
        }
        guard let sealed else { return nil }
        return try database.cipher.open(sealed, context: Self.context(id))
    }

    public func markDelivered(_ id: Int64, at time: Int64) throws(StorageError) {
        try database.write { db in
            try db.execute(
                sql: "UPDATE alerts SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL",
                arguments: [time, id]
            )
        }
    }

    /// A lead acknowledges an alert (by id) or every alert about a concern (by reference).
    public func acknowledge(id: Int64? = nil, reference: String? = nil, at time: Int64) throws(StorageError) {
        try database.write { db in
            if let id {
                try db.execute(
                    sql:
                        "UPDATE alerts SET acknowledged_at = ? WHERE (id = ? OR escalated_from = ?) AND acknowledged_at IS NULL",
                    arguments: [time, id, id]
                )
            }
            if let reference {
                try db.execute(
                    sql:
                        "UPDATE alerts SET acknowledged_at = ? WHERE concern_reference = ? AND acknowledged_at IS NULL",
                    arguments: [time, reference]
                )
            }
        }
    }

    /// Escalates urgent team alerts unacknowledged for `after` seconds to the deputy, once each, with the core's
    /// wording (``TeamAlertText/escalated(reference:minutes:original:)``); returns the new alerts.
    @discardableResult
    public func escalateUnacknowledged(after seconds: Int64, at time: Int64) throws(StorageError) -> [Alert] {
        try database.write { db in
            let due = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM alerts a WHERE urgent = 1 AND recipient = 'team' AND acknowledged_at IS NULL
                    AND created_at <= ? AND NOT EXISTS (SELECT 1 FROM alerts e WHERE e.escalated_from = a.id)
                    """,
                arguments: [time - seconds]
            ).map(Self.alert)
            var created: [Alert] = []
            for alert in due {
                let text = TeamAlertText.escalated(
                    reference: alert.concernReference,
                    minutes: seconds / 60,
                    original: alert.text
                )
                try db.execute(
                    sql: """
                        INSERT INTO alerts (created_at, kind, urgent, concern_reference, reporter_sealed, text, recipient, escalated_from)
                        SELECT ?, 'escalation', 1, concern_reference, NULL, ?, 'deputy', id FROM alerts WHERE id = ?
                        """,
                    arguments: [time, text, alert.id]
                )
                if let row = try Row.fetchOne(
                    db,
                    sql: "SELECT * FROM alerts WHERE id = ?",
                    arguments: [db.lastInsertedRowID]
                ) {
                    created.append(Self.alert(row))
                }
            }
            return created
        }
    }

    func enqueue(
        _ db: Database,
        kind: String,
        urgent: Bool,
        reference: String?,
        reporter: String?,
        text: String,
        recipient: String,
        at time: Int64
    ) throws -> Int64 {
        try db.execute(
            sql:
                "INSERT INTO alerts (created_at, kind, urgent, concern_reference, text, recipient) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [time, kind, urgent, reference, text, recipient]
        )
        let id = db.lastInsertedRowID
        if let reporter {
            try db.execute(
                sql: "UPDATE alerts SET reporter_sealed = ? WHERE id = ?",
                arguments: [try database.cipher.seal(reporter, context: Self.context(id)), id]
            )
        }
        return id
    }

    static func context(_ id: Int64) -> String { "alert \(id) reporter" }

    static func reseal(_ db: Database, from old: FieldCipher, to new: FieldCipher) throws -> Int {
        try old.reseal(
            db,
            to: new,
            select: "SELECT id, reporter_sealed AS sealed FROM alerts WHERE reporter_sealed IS NOT NULL",
            update: "UPDATE alerts SET reporter_sealed = ? WHERE id = ?",
            context: { context($0["id"]) },
            keys: { [$0["id"] as Int64] }
        )
    }

    static func alert(_ row: Row) -> Alert {
        Alert(
            id: row["id"],
            createdAt: row["created_at"],
            kind: row["kind"],
            urgent: row["urgent"],
            concernReference: row["concern_reference"],
            text: row["text"],
            recipient: row["recipient"],
            deliveredAt: row["delivered_at"],
            acknowledgedAt: row["acknowledged_at"]
        )
    }
}
