import GRDB

/// The safeguarding desk's tables (`v6-desk`): desk accounts (bcrypt password hash, TOTP secret sealed with the
/// store key, lockout counters), desk sessions (only a SHA-256 of each session id is kept, never the id itself), and
/// each record's current stage (`desk_current_stage`), kept by a trigger on the chronology so the queue does not
/// work it out from the whole chronology on every request. The chronology stays the authority: the table is derived
/// from it (filled from it here, then by the trigger on every event with a stage, whatever path wrote it). And who
/// each record is assigned to (`desk_assignments`; every assignment is also an `assigned` event in the chronology).
enum DeskMigration {
    /// The migration's name in `grdb_migrations`; registered after v5 (``AppDatabase``).
    static let name = "v6-desk: desk accounts and sessions"

    static func run(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE desk_accounts (
                    name TEXT PRIMARY KEY,
                    role TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    setup_code_hash TEXT,
                    setup_expires_at INTEGER,
                    password_hash TEXT,
                    totp_secret_sealed BLOB,
                    totp_last_step INTEGER NOT NULL DEFAULT 0,
                    failed_attempts INTEGER NOT NULL DEFAULT 0,
                    locked_until INTEGER NOT NULL DEFAULT 0,
                    disabled_at INTEGER
                );
                CREATE TABLE desk_sessions (
                    id_hash TEXT PRIMARY KEY,
                    account TEXT NOT NULL REFERENCES desk_accounts(name),
                    csrf_token TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    last_seen_at INTEGER NOT NULL,
                    read_reason TEXT
                );
                CREATE INDEX desk_sessions_account ON desk_sessions(account);
                CREATE TABLE desk_assignments (
                    concern_id INTEGER PRIMARY KEY REFERENCES concerns(id),
                    assignee TEXT NOT NULL REFERENCES desk_accounts(name),
                    assigned_at INTEGER NOT NULL
                );
                CREATE INDEX desk_assignments_assignee ON desk_assignments(assignee);
                CREATE TABLE desk_current_stage (
                    concern_id INTEGER PRIMARY KEY REFERENCES concerns(id),
                    stage TEXT NOT NULL
                );
                INSERT INTO desk_current_stage (concern_id, stage)
                    SELECT e.concern_id, e.stage FROM concern_events e
                    JOIN (SELECT concern_id, MAX(id) AS id FROM concern_events
                          WHERE stage IS NOT NULL AND concern_id IS NOT NULL GROUP BY concern_id) m ON m.id = e.id;
                CREATE INDEX desk_current_stage_stage ON desk_current_stage(stage);
                CREATE TRIGGER desk_current_stage_follows AFTER INSERT ON concern_events
                WHEN NEW.stage IS NOT NULL AND NEW.concern_id IS NOT NULL
                BEGIN
                    INSERT INTO desk_current_stage (concern_id, stage) VALUES (NEW.concern_id, NEW.stage)
                    ON CONFLICT(concern_id) DO UPDATE SET stage = excluded.stage;
                END;
                CREATE INDEX desk_events_by_stage ON concern_events(stage, concern_id) WHERE stage IS NOT NULL;
                CREATE INDEX alerts_open_urgent ON alerts(concern_reference) WHERE urgent = 1 AND acknowledged_at IS NULL;
                """
        )
    }
}
