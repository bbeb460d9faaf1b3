public import Foundation
import GRDB

/// The relay's durable queue: `relay.sqlite` in the data directory (mode 0600, `secure_delete` on). Each verified
/// webhook is one row with a monotonically increasing sequence (SQLite `AUTOINCREMENT`: never reused, even after
/// deletes), so the bot's cursor survives restarts of either side. Events are deleted once the bot acknowledges them
/// (polls with a later cursor) and, in any case, after the retention period. Redelivered webhooks (and exact replays
/// of sources signed over the body alone) are recognised by a deduplication key kept (without content) for the
/// retention period.
///
/// Webhooks are committed in WAL mode with `synchronous = FULL` by a single writer that groups those arriving together
/// into one transaction (``QueueBatchWriter``); a webhook is acknowledged only after its transaction commits.
public final class RelayQueue: Sendable {
    /// How webhooks are committed.
    public enum CommitDesign: String, Sendable, CaseIterable {
        /// WAL, one writer grouping the webhooks that arrive together into one transaction. The relay's design.
        case batched
        /// Rollback journal, one transaction per webhook: the design before issue #15, kept only so
        /// `bench/relay-load` can measure both in the same run.
        case perWebhook = "per-webhook"
    }

    let database: any DatabaseWriter
    private let writer: QueueBatchWriter?

    /// One queued webhook.
    public struct Event: Sendable, Hashable {
        public let sequence: Int64
        public let source: String
        public let receivedAt: Int64
        /// The verified payload, as JSON.
        public let payload: Data
    }

    public static let fileName = "relay.sqlite"

    /// Opens (creating when needed) the queue in `directory`, which must not be open to its group or others.
    public init(directory: URL, design: CommitDesign = .batched) throws {
        if let problem = DataDirectoryPermissions.problem(at: directory) { throw QueueError(description: problem) }
        try FileManager.default.createDirectory(
            at: directory,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        let file = directory.appendingPathComponent(Self.fileName)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        switch design {
        case .batched:
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA secure_delete = ON; PRAGMA synchronous = FULL")
            }
            let pool = try DatabasePool(path: file.path, configuration: configuration)
            database = pool
            writer = QueueBatchWriter(database: pool)
        case .perWebhook:
            configuration.prepareDatabase { db in
                try db.execute(
                    sql: "PRAGMA secure_delete = ON; PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL"
                )
            }
            database = try DatabaseQueue(path: file.path, configuration: configuration)
            writer = nil
        }
        try Self.migrator.migrate(database)
        for suffix in ["", "-wal", "-shm", "-journal"] where FileManager.default.fileExists(atPath: file.path + suffix)
        {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path + suffix)
        }
    }

    /// Why the queue could not be opened.
    public struct QueueError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    private static var migrator: DatabaseMigrator {
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
        return migrator
    }

    /// Queues `payload`; returns its sequence once committed, or `nil` when `deliveryKey` was seen before.
    public func enqueue(source: String, payload: Data, deliveryKey: String?, at now: Int64) async throws -> Int64? {
        let item = QueueBatchWriter.Item(source: source, payload: payload, deliveryKey: deliveryKey, receivedAt: now)
        if let writer { return try await writer.write(item) }
        return try writeAlone(item)
    }

    /// The old design: one blocking transaction for this webhook alone, on the caller's thread.
    private func writeAlone(_ item: QueueBatchWriter.Item) throws -> Int64? {
        try database.write { db in try Self.insert(item, in: db) }
    }

    /// Inserts one webhook in the caller's transaction; `nil` when its delivery key is already there.
    static func insert(_ item: QueueBatchWriter.Item, in db: Database) throws -> Int64? {
        if let deliveryKey = item.deliveryKey {
            try db.execute(
                sql: "INSERT OR IGNORE INTO delivery_keys (source, key, seen_at) VALUES (?, ?, ?)",
                arguments: [item.source, deliveryKey, item.receivedAt]
            )
            guard db.changesCount == 1 else { return nil }
        }
        try db.execute(
            sql: "INSERT INTO events (source, received_at, payload) VALUES (?, ?, ?)",
            arguments: [item.source, item.receivedAt, item.payload]
        )
        return db.lastInsertedRowID
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
