import GRDB

extension AlertOutbox {
    /// Whether an urgent alert about `reference` waits for a lead's acknowledgement.
    public func hasUnacknowledgedUrgent(reference: String) throws(StorageError) -> Bool {
        try database.read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM alerts WHERE concern_reference = ? AND urgent = 1
                    AND acknowledged_at IS NULL)
                    """,
                arguments: [reference]
            ) ?? false
        }
    }

    /// Urgent alerts no lead has acknowledged yet, oldest first (what a deputy sees on the desk).
    public func unacknowledgedUrgent() throws(StorageError) -> [Alert] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM alerts WHERE urgent = 1 AND acknowledged_at IS NULL ORDER BY created_at, id"
            ).map(Self.alert)
        }
    }
}
