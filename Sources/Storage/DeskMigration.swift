import GRDB

/// The safeguarding desk's tables (`v6-desk`): desk accounts (bcrypt password hash, TOTP secret sealed with the
/// store key, lockout counters) and desk sessions (only a SHA-256 of each session id is kept, never the id itself).
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
                CREATE INDEX concern_events_stage ON concern_events(concern_id, id) WHERE stage IS NOT NULL;
                CREATE INDEX alerts_open_urgent ON alerts(concern_reference) WHERE urgent = 1 AND acknowledged_at IS NULL;
                """
        )
    }
}
