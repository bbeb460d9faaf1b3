import Foundation
import GRDB

/// Migration v5: the chronology becomes a keyed hash chain (``ChronologyChain``), the store keeps a sealed chain key
/// (which doubles as the key check at start-up), and triggers refuse what ordinary SQL could otherwise do to a
/// record: clear a sealed value, or mark a record purged without a `purged` event. Events already stored are linked
/// in their order, so a database from an earlier version is verifiable from the moment it is upgraded.
enum TamperEvidenceMigration {
    static func run(_ db: Database, cipher: FieldCipher) throws {
        try db.execute(sql: schema)
        let chain = ChronologyChain.generate()
        try db.execute(
            sql: "INSERT INTO store_meta (name, value) VALUES (?, ?)",
            arguments: [ChronologyChain.metaName, try cipher.seal(chain.base64, context: ChronologyChain.context)]
        )
        try linkExistingEvents(db, chain: chain)
    }

    private static func linkExistingEvents(_ db: Database, chain: ChronologyChain) throws {
        try db.execute(sql: "DROP TRIGGER concern_events_no_update")
        var previous = ChronologyChain.genesis
        var last: Int64?
        for row in try Row.fetchAll(db, sql: "SELECT id, concern_id, action FROM concern_events ORDER BY id") {
            let id: Int64 = row["id"]
            let concernID: Int64? = row["concern_id"]
            let action: String = row["action"]
            let digest =
                try action == "created" ? concernID.map { try ChronologyChain.recordDigest(db, concernID: $0) } : nil
            try db.execute(
                sql: """
                    UPDATE concern_events SET record_digest = ?,
                        has_note = EXISTS (SELECT 1 FROM concern_notes WHERE event_id = concern_events.id)
                    WHERE id = ?
                    """,
                arguments: [digest, id]
            )
            guard let stored = try Row.fetchOne(db, sql: "SELECT * FROM concern_events WHERE id = ?", arguments: [id])
            else { continue }
            previous = chain.link(after: previous, content: ChronologyChain.eventDigest(stored))
            try db.execute(sql: "UPDATE concern_events SET chain = ? WHERE id = ?", arguments: [previous, id])
            last = id
        }
        if let last {
            try db.execute(
                sql: "INSERT INTO chain_head (id, event_id, chain) VALUES (1, ?, ?)",
                arguments: [last, previous]
            )
        }
        try db.execute(
            sql: """
                CREATE TRIGGER concern_events_no_update BEFORE UPDATE ON concern_events
                BEGIN SELECT RAISE(ABORT, 'concern_events is append-only'); END;
                """
        )
    }

    private static let schema = """
        ALTER TABLE concern_events ADD COLUMN has_note INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE concern_events ADD COLUMN record_digest BLOB;
        ALTER TABLE concern_events ADD COLUMN chain BLOB;

        -- The last link of the chronology chain: deleting the last event without changing this is detected.
        CREATE TABLE chain_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            event_id INTEGER NOT NULL,
            chain BLOB NOT NULL
        );
        CREATE TRIGGER chain_head_no_delete BEFORE DELETE ON chain_head
        BEGIN SELECT RAISE(ABORT, 'the chain head is never deleted'); END;

        -- Values the store itself needs: the chain key, sealed with the store key (so it is also the key check).
        CREATE TABLE store_meta (
            name TEXT PRIMARY KEY,
            value BLOB NOT NULL
        );
        CREATE TRIGGER store_meta_no_delete BEFORE DELETE ON store_meta
        BEGIN SELECT RAISE(ABORT, 'store_meta is never deleted'); END;

        -- A sealed value may be re-sealed (key rotation) but never cleared.
        CREATE TRIGGER concern_fields_never_cleared BEFORE UPDATE OF value_sealed ON concern_fields
        WHEN NEW.value_sealed IS NULL AND OLD.value_sealed IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a sealed value is never cleared; only the retention purge removes content'); END;

        -- Only the retention purge, which writes its 'purged' event first, marks a record purged or drops its reporter.
        CREATE TRIGGER concerns_purge_only BEFORE UPDATE ON concerns
        WHEN (NEW.purged_at IS NOT OLD.purged_at
                OR (NEW.reporter_sealed IS NULL AND OLD.reporter_sealed IS NOT NULL))
            AND NOT EXISTS (SELECT 1 FROM concern_events WHERE concern_id = NEW.id AND action = 'purged')
        BEGIN SELECT RAISE(ABORT, 'only the retention purge removes content, after recording it'); END;
        """
}
