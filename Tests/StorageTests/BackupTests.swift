import AssistantCore
import Foundation
import GRDB
import PreventAssistTesting
import Storage
import Testing

/// `AppDatabase.backup(to:)`: a consistent, checked copy that opens with the same key and overwrites nothing.
struct BackupTests {
    let t0: Int64 = 1_795_944_000

    @Test func theCopyIsCheckedPrivateAndOpensWithTheSameKey() throws {
        let fixture = try StoreFixture()
        let reference = try ConcernStore(database: fixture.database).create(StoreFixture.submission(), at: t0)
        let destination = fixture.directory.url.appendingPathComponent("backup.sqlite")

        let report = try fixture.database.backup(to: destination)

        #expect(report.isSound)
        #expect(report.integrity == "ok")
        #expect(report.concerns == 1)
        #expect(report.sealedValues >= 3)  // the reporter, the name and what happened at least
        #expect(report.problems.isEmpty)
        #expect(report.bytes > 0)
        let mode = try FileManager.default.attributesOfItem(atPath: destination.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let data = try Data(contentsOf: destination)
        #expect(data.range(of: Data(StoreFixture.secret.utf8)) == nil, "concern details stay sealed in the copy")

        let restored = try AppDatabase(file: destination, key: fixture.key)
        let record = try ConcernStore(database: restored)
            .read(reference, actor: "cli:admin", reason: "restore test", at: t0)
        #expect(record.fields.map(\.value).contains(StoreFixture.secret))
    }

    @Test func anExistingFileIsNeverOverwritten() throws {
        let fixture = try StoreFixture()
        let destination = fixture.directory.url.appendingPathComponent("existing.sqlite")
        try Data("keep me".utf8).write(to: destination)
        #expect(throws: StorageError.self) { try fixture.database.backup(to: destination) }
        #expect(try Data(contentsOf: destination) == Data("keep me".utf8))
    }

    @Test func aChangedCiphertextMakesTheBackupUnsound() throws {
        // The check opens every sealed value: a changed one is found although its key id is right.
        let fixture = try StoreFixture()
        let reference = try ConcernStore(database: fixture.database).create(StoreFixture.submission(), at: t0)
        let queue = try DatabaseQueue(path: fixture.file.path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER concern_fields_limited_update")
            try db.execute(
                sql: """
                    UPDATE concern_fields SET value_sealed = CAST(substr(value_sealed, 1, 30) || X'FF' || substr(value_sealed, 32) AS BLOB)
                    WHERE slot = 'what_happened'
                    """
            )
        }
        try queue.close()
        let report = try fixture.database.backup(to: fixture.directory.url.appendingPathComponent("copy.sqlite"))
        #expect(report.integrity == "ok")
        #expect(report.sealedValues > 0)
        #expect(!report.isSound)
        #expect(report.problems.map(\.description).contains { $0.hasPrefix(reference) && $0.contains("what_happened") })
    }
}
