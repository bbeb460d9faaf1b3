import GRDB

extension PlatformStateStore {
    /// Forgets that messages handled before `time` were handled; returns how many. Only a replay from an uncommitted
    /// cursor needs these records, and that replays the last batch, so records older than any cursor can go.
    @discardableResult
    public func pruneHandledMessages(before time: Int64) throws(StorageError) -> Int {
        try database.write { db in
            try db.execute(sql: "DELETE FROM handled_messages WHERE handled_at < ?", arguments: [time])
            return db.changesCount
        }
    }

    /// Removes every platform's values whose name starts with `prefix` and that were last set before `time`;
    /// returns how many.
    @discardableResult
    public func pruneValues(named prefix: String, before time: Int64) throws(StorageError) -> Int {
        guard !prefix.isEmpty else { return 0 }
        return try database.write { db in
            try db.execute(
                sql: "DELETE FROM platform_values WHERE substr(name, 1, length(?)) = ? AND updated_at < ?",
                arguments: [prefix, prefix, time]
            )
            return db.changesCount
        }
    }
}
