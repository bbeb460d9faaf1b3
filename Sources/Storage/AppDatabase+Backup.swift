public import Foundation
import GRDB

extension AppDatabase {
    /// What a backup holds and what its check found.
    public struct BackupReport: Sendable, Hashable {
        public let file: URL
        public let bytes: Int
        /// `ok`, or what SQLite's `PRAGMA integrity_check` found.
        public let integrity: String
        public let concerns: Int
        public let snippets: Int
        /// Sealed values in the copy, each opened with the key to check it (nothing is shown).
        public let sealedValues: Int
        /// What ``StoreVerifier`` found wrong in the copy: empty after a clean run.
        public let problems: [StoreVerifier.Problem]
        /// The key the sealed values need (its id; the key itself is never in the backup).
        public let keyID: String

        /// Whether the copy is sound and every value in it opens with the current key.
        public var isSound: Bool { integrity == "ok" && problems.isEmpty }
    }

    /// Copies the database to `destination`, a new file (mode 0600), while the service may be running: SQLite's
    /// online backup takes a consistent snapshot. The copy is then checked: SQLite's integrity check, and the whole
    /// ``StoreVerifier`` check (every sealed value opens, the chronology chain, the pathway), which shows no content.
    /// Sealed values stay sealed in the copy; the key is not in it: keep the key (`PREVENT_ASSIST_KEY`) somewhere else.
    public func backup(to destination: URL) throws(StorageError) -> BackupReport {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: destination.path) else {
            throw .invalid("\(destination.path) already exists; a backup never overwrites a file")
        }
        guard manager.createFile(atPath: destination.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw .invalid("cannot create \(destination.path)")
        }
        do {
            let copy = try DatabaseQueue(path: destination.path)
            try writer.backup(to: copy)
            try copy.close()
            var configuration = Configuration()
            configuration.readonly = true
            let check = try DatabaseQueue(path: destination.path, configuration: configuration)
            defer { try? check.close() }
            return try check.read { db in try report(db, file: destination) }
        } catch {
            try? manager.removeItem(at: destination)
            throw .database(error)
        }
    }

    private func report(_ db: Database, file: URL) throws -> BackupReport {
        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
        let verification = try StoreVerifier(cipher: cipher).verify(db)
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        return BackupReport(
            file: file,
            bytes: size,
            integrity: integrity,
            concerns: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM concerns") ?? 0,
            snippets: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM snippets") ?? 0,
            sealedValues: verification.sealedValues,
            problems: verification.problems,
            keyID: keyID
        )
    }
}
