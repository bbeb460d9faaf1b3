import Foundation
import GRDB

/// Desk accounts and desk sessions (`prevent-assist desk`). Stores what it is told: the rules (password policy,
/// lockout back-off, idle expiry, roles) are the desk's. The TOTP secret is sealed with the store key; a session is
/// kept only as the SHA-256 of its id, so a copy of the database lets nobody sign in.
public struct DeskAccountStore: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    static func secretContext(_ name: String) -> String { "desk account \(name) totp" }

    // MARK: - Accounts

    /// Adds an account waiting for set-up with the one-time code whose hash is `setupCodeHash`.
    public func add(
        name: String,
        role: String,
        setupCodeHash: String,
        setupExpiresAt: Int64,
        at time: Int64
    ) throws(StorageError) {
        try database.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM desk_accounts WHERE name = ?", arguments: [name]) == true {
                throw StorageError.invalid("a desk user called \(name) already exists")
            }
            try db.execute(
                sql: """
                    INSERT INTO desk_accounts (name, role, created_at, setup_code_hash, setup_expires_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [name, role, time, setupCodeHash, setupExpiresAt]
            )
        }
    }

    /// Every account, by name.
    public func all() throws(StorageError) -> [DeskAccount] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM desk_accounts ORDER BY name").map(Self.account)
        }
    }

    /// The account called `name`, if any.
    public func account(named name: String) throws(StorageError) -> DeskAccount? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM desk_accounts WHERE name = ?", arguments: [name]).map(Self.account)
        }
    }

    /// Disables the account and ends every session it has.
    public func disable(_ name: String, at time: Int64) throws(StorageError) {
        try database.write { db in
            try db.execute(
                sql: "UPDATE desk_accounts SET disabled_at = ? WHERE name = ? AND disabled_at IS NULL",
                arguments: [time, name]
            )
            guard db.changesCount > 0 else {
                throw StorageError.notFound("an enabled desk user called \(name)")
            }
            try db.execute(sql: "DELETE FROM desk_sessions WHERE account = ?", arguments: [name])
        }
    }

    /// The set-up code's hash and expiry, while set-up is pending.
    public func pendingSetup(_ name: String) throws(StorageError) -> (codeHash: String, expiresAt: Int64)? {
        try database.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT setup_code_hash, setup_expires_at FROM desk_accounts
                        WHERE name = ? AND setup_code_hash IS NOT NULL AND disabled_at IS NULL
                        """,
                    arguments: [name]
                )
            else { return nil }
            return (row["setup_code_hash"], row["setup_expires_at"])
        }
    }

    /// Keeps the TOTP secret shown at set-up (sealed) until set-up is finished with a code from it.
    public func stagePendingSecret(_ name: String, totpSecret: String) throws(StorageError) {
        let sealed = try database.cipher.seal(totpSecret, context: Self.secretContext(name))
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE desk_accounts SET totp_secret_sealed = ?
                    WHERE name = ? AND setup_code_hash IS NOT NULL AND disabled_at IS NULL
                    """,
                arguments: [sealed, name]
            )
            guard db.changesCount > 0 else { throw StorageError.notFound("a desk user waiting for set-up") }
        }
    }

    /// The TOTP secret staged at set-up, while set-up is pending.
    public func pendingSecret(_ name: String) throws(StorageError) -> String? {
        let sealed = try database.read { db in
            try Data.fetchOne(
                db,
                sql: """
                    SELECT totp_secret_sealed FROM desk_accounts
                    WHERE name = ? AND setup_code_hash IS NOT NULL AND disabled_at IS NULL
                    """,
                arguments: [name]
            )
        }
        guard let sealed else { return nil }
        return try database.cipher.open(sealed, context: Self.secretContext(name))
    }

    /// Finishes set-up: stores the password hash, keeps the staged TOTP secret, and uses up the set-up code.
    public func enrol(_ name: String, passwordHash: String, totpStep: Int64) throws(StorageError) {
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE desk_accounts SET password_hash = ?, totp_last_step = ?,
                    setup_code_hash = NULL, setup_expires_at = NULL, failed_attempts = 0, locked_until = 0
                    WHERE name = ? AND setup_code_hash IS NOT NULL AND totp_secret_sealed IS NOT NULL
                    AND disabled_at IS NULL
                    """,
                arguments: [passwordHash, totpStep, name]
            )
            guard db.changesCount > 0 else { throw StorageError.notFound("a desk user waiting for set-up") }
        }
    }

    /// The password hash and TOTP secret of an enrolled, enabled account.
    public func credentials(_ name: String) throws(StorageError) -> (passwordHash: String, totpSecret: String)? {
        let row = try database.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT password_hash, totp_secret_sealed FROM desk_accounts
                    WHERE name = ? AND disabled_at IS NULL AND password_hash IS NOT NULL
                    """,
                arguments: [name]
            )
        }
        guard let row, let hash: String = row["password_hash"], let sealed: Data = row["totp_secret_sealed"] else {
            return nil
        }
        return (hash, try database.cipher.open(sealed, context: Self.secretContext(name)))
    }

    /// Counts a failed sign-in and sets the lockout the desk worked out.
    public func recordFailure(_ name: String, lockedUntil: Int64) throws(StorageError) {
        try database.write { db in
            try db.execute(
                sql: "UPDATE desk_accounts SET failed_attempts = failed_attempts + 1, locked_until = ? WHERE name = ?",
                arguments: [lockedUntil, name]
            )
        }
    }

    /// Clears the failure count and records the TOTP step just used (so the same code cannot be replayed).
    public func recordSuccess(_ name: String, totpStep: Int64) throws(StorageError) {
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE desk_accounts SET failed_attempts = 0, locked_until = 0, totp_last_step = ? WHERE name = ?
                    """,
                arguments: [totpStep, name]
            )
        }
    }

    // MARK: - Sessions

    /// Stores a new session (by the hash of its id) for `account`.
    public func createSession(idHash: String, account: String, csrfToken: String, at time: Int64) throws(StorageError) {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO desk_sessions (id_hash, account, csrf_token, created_at, last_seen_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [idHash, account, csrfToken, time, time]
            )
        }
    }

    /// The session whose id hashes to `idHash`, if it exists and its account is enabled.
    public func session(idHash: String) throws(StorageError) -> DeskSessionRecord? {
        try database.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT s.* FROM desk_sessions s JOIN desk_accounts a ON a.name = s.account
                    WHERE s.id_hash = ? AND a.disabled_at IS NULL
                    """,
                arguments: [idHash]
            ).map { row in
                DeskSessionRecord(
                    idHash: row["id_hash"],
                    account: row["account"],
                    csrfToken: row["csrf_token"],
                    createdAt: row["created_at"],
                    lastSeenAt: row["last_seen_at"],
                    readReason: row["read_reason"]
                )
            }
        }
    }

    /// Marks the session as used at `time` (idle expiry counts from here).
    public func touchSession(idHash: String, at time: Int64) throws(StorageError) {
        try database.write { db in
            try db.execute(
                sql: "UPDATE desk_sessions SET last_seen_at = ? WHERE id_hash = ?",
                arguments: [time, idHash]
            )
        }
    }

    /// Keeps the reason given for reading records in this session.
    public func setReadReason(idHash: String, reason: String) throws(StorageError) {
        try database.write { db in
            try db.execute(
                sql: "UPDATE desk_sessions SET read_reason = ? WHERE id_hash = ?",
                arguments: [reason, idHash]
            )
        }
    }

    /// Ends one session.
    public func deleteSession(idHash: String) throws(StorageError) {
        try database.write { db in
            try db.execute(sql: "DELETE FROM desk_sessions WHERE id_hash = ?", arguments: [idHash])
        }
    }

    /// Ends sessions idle since before `cutoff`; returns how many.
    @discardableResult
    public func deleteSessions(idleSince cutoff: Int64) throws(StorageError) -> Int {
        try database.write { db in
            try db.execute(sql: "DELETE FROM desk_sessions WHERE last_seen_at < ?", arguments: [cutoff])
            return db.changesCount
        }
    }

    /// Re-seals every TOTP secret with `new` (key rotation).
    static func reseal(_ db: Database, from old: FieldCipher, to new: FieldCipher) throws -> Int {
        try old.reseal(
            db,
            to: new,
            select: "SELECT name, totp_secret_sealed AS sealed FROM desk_accounts WHERE totp_secret_sealed IS NOT NULL",
            update: "UPDATE desk_accounts SET totp_secret_sealed = ? WHERE name = ?",
            context: { secretContext($0["name"]) },
            keys: { [$0["name"] as String] }
        )
    }

    private static func account(_ row: Row) -> DeskAccount {
        DeskAccount(
            name: row["name"],
            role: row["role"],
            createdAt: row["created_at"],
            isEnrolled: (row["password_hash"] as String?) != nil,
            failedAttempts: row["failed_attempts"],
            lockedUntil: row["locked_until"],
            lastTOTPStep: row["totp_last_step"],
            disabledAt: row["disabled_at"]
        )
    }
}
