public import Foundation
import GRDB

/// The SQLite database in the data directory (`prevent-assist.sqlite`), opened with its migrations applied.
///
/// Concern records are append-only, enforced by triggers in the database itself: their chronology can never be
/// updated or deleted, a sealed value can never be cleared, and a record's content can be removed only by the
/// retention purge, which leaves a tombstone and a `purged` event. The chronology is a keyed hash chain
/// (``ChronologyChain``) that ``verify()`` checks with every sealed value. `secure_delete` is on, so purged content
/// is overwritten on disk.
///
/// Opening checks the key before anything is written: a database whose sealed values name another key is refused,
/// so a wrong key can never seal new records beside old ones.
public final class AppDatabase: Sendable {
    let writer: any DatabaseWriter
    let cipher: FieldCipher
    let chain: ChronologyChain

    /// The database file's name inside the data directory.
    public static let fileName = "prevent-assist.sqlite"
    /// The key file's name inside the data directory (used when `PREVENT_ASSIST_KEY` is not set).
    public static let keyFileName = "prevent-assist.key"
    /// How long a write waits for another process's write to finish before it fails.
    static let busyTimeout: TimeInterval = 15

    /// Opens (creating if needed) the database at `file`, sealing sensitive values with `key`. Throws, before
    /// writing anything, when the database holds values sealed with another key.
    public init(file: URL, key: EncryptionKey) throws(StorageError) {
        let cipher = FieldCipher(key: key)
        let stored = try Self.storedKeyIDs(of: file)
        if let other = stored.first(where: { $0 != key.id }) {
            throw .wrongKey(expected: key.id, found: other)
        }
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(Self.busyTimeout)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA secure_delete = ON")
            }
            let pool = try DatabasePool(path: file.path, configuration: configuration)
            try Self.migrator(cipher: cipher).migrate(pool)
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: file.path + suffix) {
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path + suffix)
            }
            chain = try pool.read { db in try Self.chain(db, cipher: cipher) }
            writer = pool
        } catch let error as StorageError {
            throw error
        } catch {
            throw .database(error)
        }
        self.cipher = cipher
    }

    /// The key id in use.
    public var keyID: String { cipher.key.id }

    /// The key ids the sealed values in the database at `file` name, read without changing the file: the key
    /// check's, or (for a database from before it) every sealed column's. Empty for a new or empty database.
    public static func storedKeyIDs(of file: URL) throws(StorageError) -> Set<String> {
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(busyTimeout)
            let queue = try DatabaseQueue(path: file.path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                if try db.tableExists("store_meta"),
                    let sealed = try Data.fetchOne(
                        db,
                        sql: "SELECT value FROM store_meta WHERE name = ?",
                        arguments: [ChronologyChain.metaName]
                    )
                {
                    return Set([FieldCipher.keyID(of: sealed)].compactMap { $0 })
                }
                var ids: Set<String> = []
                for (table, column) in try sealedColumns(db) {
                    let sql = """
                        SELECT DISTINCT lower(hex(substr(\(column.quotedDatabaseIdentifier), 2, 8)))
                        FROM \(table.quotedDatabaseIdentifier) WHERE \(column.quotedDatabaseIdentifier) IS NOT NULL
                        """
                    ids.formUnion(try String.fetchAll(db, sql: sql))
                }
                return ids
            }
        } catch {
            throw .database(error)
        }
    }

    /// Every `(table, column)` whose column name ends in `_sealed`, plus the key check in `store_meta`.
    static func sealedColumns(_ db: Database) throws -> [(String, String)] {
        var columns: [(String, String)] = []
        for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
            for column in try db.columns(in: table) where column.name.hasSuffix("_sealed") {
                columns.append((table, column.name))
            }
        }
        return columns
    }

    /// The chronology's chain key, opened from `store_meta` with `cipher`.
    static func chain(_ db: Database, cipher: FieldCipher) throws -> ChronologyChain {
        guard
            let sealed = try Data.fetchOne(
                db,
                sql: "SELECT value FROM store_meta WHERE name = ?",
                arguments: [ChronologyChain.metaName]
            )
        else { throw StorageError.tampered("the chronology's chain key (missing from store_meta)") }
        let text = try cipher.open(sealed, context: ChronologyChain.context)
        guard let bytes = Data(base64Encoded: text), bytes.count == 32 else {
            throw StorageError.tampered("the chronology's chain key")
        }
        return ChronologyChain(keyBytes: bytes)
    }

    static func migrator(cipher: FieldCipher) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: concerns, chronology, conversations, alerts") { db in
            try db.execute(sql: schemaV1)
        }
        migrator.registerMigration("v2: platform cursors, handled messages, reply outbox") { db in
            try db.execute(sql: schemaV2)
        }
        migrator.registerMigration("v3: good-practice snippets, their history, feedback and notices") { db in
            try db.execute(sql: schemaV3)
        }
        migrator.registerMigration("v4: platform values and handled messages can be pruned by age") { db in
            try db.execute(sql: schemaV4)
        }
        migrator.registerMigration("v5: tamper-evident chronology, key check, no clearing of sealed values") { db in
            try TamperEvidenceMigration.run(db, cipher: cipher)
        }
        migrator.registerMigration(LearningMigration.name) { db in try LearningMigration.run(db) }
        migrator.registerMigration(DeskMigration.name) { db in
            try DeskMigration.run(db)
        }
        migrator.registerMigration(DeskTaskMigration.name) { db in try DeskTaskMigration.run(db, cipher: cipher) }
        return migrator
    }

    /// Runs `body` in a write transaction; inside ``transaction(_:)`` it joins that transaction as a savepoint (a
    /// failure undoes its own writes only).
    func write<T>(_ body: (Database) throws -> T) throws(StorageError) -> T {
        do {
            if let db = joinedDatabase {
                var result: T?
                try db.inSavepoint {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw StorageError.invalid("a savepoint returned nothing") }
                return result
            }
            return try writer.write(body)
        } catch let error as StorageError {
            throw error
        } catch {
            throw .database(error)
        }
    }

    /// Runs `body` on a read connection; inside ``transaction(_:)`` it reads that transaction (its own writes too).
    func read<T>(_ body: (Database) throws -> T) throws(StorageError) -> T {
        do {
            if let db = joinedDatabase { return try body(db) }
            return try writer.read(body)
        } catch let error as StorageError {
            throw error
        } catch {
            throw .database(error)
        }
    }
}

/// The first schema. Times are Unix seconds (UTC); sealed columns hold ``FieldCipher`` output.
private let schemaV1 = """
    CREATE TABLE concerns (
        id INTEGER PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        year INTEGER NOT NULL,
        number INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        form_id TEXT NOT NULL,
        reporter_key TEXT NOT NULL,
        reporter_sealed BLOB,
        urgent INTEGER NOT NULL,
        purged_at INTEGER,
        UNIQUE (year, number)
    );
    CREATE INDEX concerns_reporter ON concerns(reporter_key);

    CREATE TABLE concern_fields (
        concern_id INTEGER NOT NULL REFERENCES concerns(id),
        position INTEGER NOT NULL,
        slot TEXT NOT NULL,
        label TEXT NOT NULL,
        sensitivity TEXT NOT NULL,
        value_plain TEXT,
        value_sealed BLOB,
        PRIMARY KEY (concern_id, slot)
    );

    CREATE TABLE concern_events (
        id INTEGER PRIMARY KEY,
        concern_id INTEGER REFERENCES concerns(id),
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        stage TEXT,
        ideology TEXT,
        resolution TEXT,
        reason TEXT
    );
    CREATE INDEX concern_events_concern ON concern_events(concern_id);

    CREATE TABLE concern_notes (
        event_id INTEGER PRIMARY KEY REFERENCES concern_events(id),
        concern_id INTEGER NOT NULL REFERENCES concerns(id),
        note_sealed BLOB NOT NULL
    );

    CREATE TABLE conversations (
        key TEXT PRIMARY KEY,
        state_sealed BLOB NOT NULL,
        has_draft INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );

    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        created_at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        urgent INTEGER NOT NULL,
        concern_reference TEXT,
        reporter_sealed BLOB,
        text TEXT NOT NULL,
        recipient TEXT NOT NULL,
        delivered_at INTEGER,
        acknowledged_at INTEGER,
        escalated_from INTEGER REFERENCES alerts(id)
    );

    -- Append-only: the chronology is never changed or removed.
    CREATE TRIGGER concern_events_no_update BEFORE UPDATE ON concern_events
    BEGIN SELECT RAISE(ABORT, 'concern_events is append-only'); END;
    CREATE TRIGGER concern_events_no_delete BEFORE DELETE ON concern_events
    BEGIN SELECT RAISE(ABORT, 'concern_events is append-only'); END;

    -- A record is never deleted; only key rotation (sealed values, lookup key) and the purge (tombstone) change it.
    CREATE TRIGGER concerns_no_delete BEFORE DELETE ON concerns
    BEGIN SELECT RAISE(ABORT, 'concerns are never deleted; the retention purge leaves a tombstone'); END;
    CREATE TRIGGER concerns_limited_update BEFORE UPDATE ON concerns
    WHEN NEW.reference IS NOT OLD.reference OR NEW.year IS NOT OLD.year OR NEW.number IS NOT OLD.number
        OR NEW.created_at IS NOT OLD.created_at OR NEW.form_id IS NOT OLD.form_id OR NEW.urgent IS NOT OLD.urgent
        OR OLD.purged_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'concerns are append-only'); END;

    CREATE TRIGGER concern_fields_limited_update BEFORE UPDATE ON concern_fields
    WHEN NEW.concern_id IS NOT OLD.concern_id OR NEW.slot IS NOT OLD.slot OR NEW.label IS NOT OLD.label
        OR NEW.sensitivity IS NOT OLD.sensitivity OR NEW.value_plain IS NOT OLD.value_plain
        OR NEW.position IS NOT OLD.position
    BEGIN SELECT RAISE(ABORT, 'concern fields are append-only'); END;
    CREATE TRIGGER concern_fields_purge_only BEFORE DELETE ON concern_fields
    WHEN (SELECT purged_at FROM concerns WHERE id = OLD.concern_id) IS NULL
    BEGIN SELECT RAISE(ABORT, 'concern fields are removed only by the retention purge'); END;

    CREATE TRIGGER concern_notes_limited_update BEFORE UPDATE ON concern_notes
    WHEN NEW.event_id IS NOT OLD.event_id OR NEW.concern_id IS NOT OLD.concern_id
    BEGIN SELECT RAISE(ABORT, 'notes are append-only'); END;
    CREATE TRIGGER concern_notes_purge_only BEFORE DELETE ON concern_notes
    WHEN (SELECT purged_at FROM concerns WHERE id = OLD.concern_id) IS NULL
    BEGIN SELECT RAISE(ABORT, 'notes are removed only by the retention purge'); END;
    """

/// Platform runtime state: poll cursors, the messages already handled, replies waiting to be sent (sealed), and
/// small per-platform values such as a device id or a user's direct room.
private let schemaV2 = """
    CREATE TABLE platform_cursors (
        platform TEXT PRIMARY KEY,
        cursor TEXT NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE TABLE handled_messages (
        platform TEXT NOT NULL,
        message_id TEXT NOT NULL,
        handled_at INTEGER NOT NULL,
        PRIMARY KEY (platform, message_id)
    );
    CREATE TABLE reply_outbox (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        message_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        conversation_id TEXT NOT NULL,
        reply_sealed BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (platform, message_id, position)
    );
    CREATE TABLE platform_values (
        platform TEXT NOT NULL,
        name TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (platform, name)
    );
    """

/// When each platform value was last set, so records kept only for retries (``PlatformStateStore/pruneValues``) can
/// be forgotten; rows from before this migration count as old. Handled messages are pruned by age too.
private let schemaV4 = """
    ALTER TABLE platform_values ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX handled_messages_by_time ON handled_messages (handled_at);
    """

/// Good-practice snippets. Not sensitive like concerns (no encryption), but every moderation change is kept in
/// `snippet_events`, which can never be changed or deleted; a snippet is never deleted, and its identity, author and
/// origin never change.
private let schemaV3 = """
    CREATE TABLE snippets (
        id TEXT PRIMARY KEY,
        number INTEGER NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        author TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        title TEXT NOT NULL,
        what_was_done TEXT NOT NULL,
        why_it_worked TEXT NOT NULL,
        tags TEXT NOT NULL,
        visibility TEXT NOT NULL CHECK (visibility IN ('institution', 'shared')),
        contact TEXT,
        origin_institution TEXT,
        origin_id TEXT,
        content_hash TEXT NOT NULL
    );
    CREATE INDEX snippets_status ON snippets(status);
    CREATE INDEX snippets_content_hash ON snippets(content_hash);

    CREATE TABLE snippet_events (
        id INTEGER PRIMARY KEY,
        snippet_id TEXT NOT NULL REFERENCES snippets(id),
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT
    );
    CREATE INDEX snippet_events_snippet ON snippet_events(snippet_id);

    -- One vote per person per snippet (seed snippets included, so no foreign key); the rater is a keyed hash.
    CREATE TABLE snippet_feedback (
        snippet_id TEXT NOT NULL,
        rater_key TEXT NOT NULL,
        useful INTEGER NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (snippet_id, rater_key)
    );

    -- Notices to moderators ('moderators') and authors (their identity), delivered once.
    CREATE TABLE snippet_notices (
        id INTEGER PRIMARY KEY,
        created_at INTEGER NOT NULL,
        recipient TEXT NOT NULL,
        text TEXT NOT NULL,
        delivered_at INTEGER
    );

    CREATE TRIGGER snippet_events_no_update BEFORE UPDATE ON snippet_events
    BEGIN SELECT RAISE(ABORT, 'snippet_events is append-only'); END;
    CREATE TRIGGER snippet_events_no_delete BEFORE DELETE ON snippet_events
    BEGIN SELECT RAISE(ABORT, 'snippet_events is append-only'); END;
    CREATE TRIGGER snippets_no_delete BEFORE DELETE ON snippets
    BEGIN SELECT RAISE(ABORT, 'snippets are never deleted; reject them instead'); END;
    CREATE TRIGGER snippets_limited_update BEFORE UPDATE ON snippets
    WHEN NEW.id IS NOT OLD.id OR NEW.number IS NOT OLD.number OR NEW.created_at IS NOT OLD.created_at
        OR NEW.author IS NOT OLD.author OR NEW.origin_institution IS NOT OLD.origin_institution
        OR NEW.origin_id IS NOT OLD.origin_id
    BEGIN SELECT RAISE(ABORT, 'a snippet keeps its id, author and origin'); END;
    """
