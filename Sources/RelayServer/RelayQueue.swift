public import Foundation
import GRDB

/// The relay's durable queue: `relay.sqlite` in the data directory (mode 0600, `secure_delete` on). Each verified
/// webhook is one row with a monotonically increasing sequence (SQLite `AUTOINCREMENT`: never reused, even after
/// deletes), so the bot's cursor survives restarts of either side. Events are deleted once the bot acknowledges them
/// (polls with a later cursor) and, in any case, after the retention period. Redelivered webhooks are recognised by
/// a deduplication key kept (without content) for the retention period.
public final class RelayQueue: Sendable {
    let database: DatabaseQueue

    /// One queued webhook.
    public struct Event: Sendable, Hashable {
        public let sequence: Int64
        public let source: String
        public let receivedAt: Int64
        /// The verified payload, as JSON.
        public let payload: Data
    }

    public static let fileName = "relay.sqlite"

    public init(directory: URL) throws {
        try FileManager.default.createDirectory(
            at: directory,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        let file = directory.appendingPathComponent(Self.fileName)
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
        database = try DatabaseQueue(path: file.path, configuration: configuration)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: events and delivery keys") { db in
            try db.execute(
                sql: """
                    CREATE TABLE events (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        source TEXT NOT NULL,
                        received_at INTEGER NOT NULL,
                        payload BLOB NOT NULL
                    );
                    CREATE INDEX events_by_source ON events(source, seq);
                    CREATE TABLE delivery_keys (
                        source TEXT NOT NULL,
                        key TEXT NOT NULL,
                        seen_at INTEGER NOT NULL,
                        PRIMARY KEY (source, key)
                    );
                    """
            )
        }
        try migrator.migrate(database)
        for suffix in ["", "-wal", "-shm", "-journal"] where FileManager.default.fileExists(atPath: file.path + suffix)
        {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path + suffix)
        }
    }

    /// Queues `payload`; returns its sequence, or `nil` when `deliveryKey` was seen before (a redelivery).
    public func enqueue(source: String, payload: Data, deliveryKey: String?, at now: Int64) throws -> Int64? {
        try database.write { db in
            if let deliveryKey {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO delivery_keys (source, key, seen_at) VALUES (?, ?, ?)",
                    arguments: [source, deliveryKey, now]
                )
                guard db.changesCount == 1 else { return nil }
            }
            try db.execute(
                sql: "INSERT INTO events (source, received_at, payload) VALUES (?, ?, ?)",
                arguments: [source, now, payload]
            )
            return db.lastInsertedRowID
        }
    }

    /// Deletes the events of `sources` (all when empty) up to and including `sequence`: the bot has handled them.
    public func acknowledge(upTo sequence: Int64, sources: [String]) throws {
        try database.write { db in
            if sources.isEmpty {
                try db.execute(sql: "DELETE FROM events WHERE seq <= ?", arguments: [sequence])
            } else {
                let marks = databaseQuestionMarks(count: sources.count)
                try db.execute(
                    sql: "DELETE FROM events WHERE seq <= ? AND source IN (\(marks))",
                    arguments: StatementArguments([sequence] as [any DatabaseValueConvertible] + sources)
                )
            }
        }
    }

    /// Up to `limit` events of `sources` (all when empty) after `sequence`, oldest first.
    public func events(after sequence: Int64, sources: [String], limit: Int = 100) throws -> [Event] {
        try database.read { db in
            var sql = "SELECT seq, source, received_at, payload FROM events WHERE seq > ?"
            var arguments: [any DatabaseValueConvertible] = [sequence]
            if !sources.isEmpty {
                sql += " AND source IN (\(databaseQuestionMarks(count: sources.count)))"
                arguments += sources as [any DatabaseValueConvertible]
            }
            sql += " ORDER BY seq LIMIT ?"
            arguments.append(limit)
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                Event(
                    sequence: row["seq"],
                    source: row["source"],
                    receivedAt: row["received_at"],
                    payload: row["payload"]
                )
            }
        }
    }

    /// The source of a queued event, if it is still queued.
    public func source(of sequence: Int64) throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT source FROM events WHERE seq = ?", arguments: [sequence])
        }
    }

    /// Deletes events and delivery keys older than `cutoff`; returns how many events went.
    @discardableResult
    public func purge(olderThan cutoff: Int64) throws -> Int {
        try database.write { db in
            try db.execute(sql: "DELETE FROM events WHERE received_at < ?", arguments: [cutoff])
            let removed = db.changesCount
            try db.execute(sql: "DELETE FROM delivery_keys WHERE seen_at < ?", arguments: [cutoff])
            return removed
        }
    }

    /// How many events are queued.
    public func count() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0 }
    }
}
