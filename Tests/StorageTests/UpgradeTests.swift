import AssistantCore
import Crypto
import Foundation
import GRDB
import PreventAssistTesting
import Testing

@testable import Storage

/// A store written before the tamper-evident chronology (schema v4, unpadded sealed values) upgrades in place: its
/// key is checked from its sealed values, its events are linked into the chain, every record still opens and the
/// whole store verifies.
struct UpgradeTests {
    let t0: Int64 = 1_795_944_000

    /// Seals as the earlier version did: format 1, no padding.
    private func sealV1(_ text: String, context: String, key: EncryptionKey) throws -> Data {
        let symmetric = SymmetricKey(data: try #require(Data(base64Encoded: key.base64)))
        let box = try AES.GCM.seal(Data(text.utf8), using: symmetric, authenticating: Data(context.utf8))
        var keyID = Data()
        var index = key.id.startIndex
        while index < key.id.endIndex {
            let next = key.id.index(index, offsetBy: 2)
            keyID.append(try #require(UInt8(key.id[index..<next], radix: 16)))
            index = next
        }
        return Data([1]) + keyID + (try #require(box.combined))
    }

    /// A v4 database with one record (two fields, a note) and a general audit entry, as the earlier version wrote it.
    private func legacyStore(_ directory: TemporaryDirectory, key: EncryptionKey) throws -> URL {
        let file = directory.url.appendingPathComponent("old.sqlite")
        let queue = try DatabaseQueue(path: file.path)
        try AppDatabase.migrator(cipher: FieldCipher(key: key)).migrate(
            queue,
            upTo: "v4: platform values and handled messages can be pruned by age"
        )
        let reference = "PC-2026-0001"
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO concerns (id, reference, year, number, created_at, form_id, reporter_key, reporter_sealed, urgent)
                    VALUES (1, ?, 2026, 1, ?, 'raise_concern', 'k', ?, 0)
                    """,
                arguments: [
                    reference, t0, try sealV1("console:sam", context: "concern \(reference) reporter", key: key),
                ]
            )
            try db.execute(
                sql: """
                    INSERT INTO concern_fields (concern_id, position, slot, label, sensitivity, value_plain, value_sealed)
                    VALUES (1, 0, 'subject_type', 'Who it is about', 'plain', 'A student', NULL),
                           (1, 1, 'what_happened', 'What was seen or heard', 'free_text', NULL, ?)
                    """,
                arguments: [try sealV1("OLD-SECRET", context: "concern \(reference) field what_happened", key: key)]
            )
            try db.execute(
                sql: """
                    INSERT INTO concern_events (id, concern_id, at, actor, action, stage) VALUES
                        (1, 1, ?, 'reporter', 'created', 'reported'),
                        (2, NULL, ?, 'cli:lead', 'listed', NULL),
                        (3, 1, ?, 'cli:lead', 'stage_changed', 'triaged')
                    """,
                arguments: [t0, t0 + 10, t0 + 20]
            )
            try db.execute(
                sql: "INSERT INTO concern_notes (event_id, concern_id, note_sealed) VALUES (3, 1, ?)",
                arguments: [try sealV1("OLD-NOTE", context: "concern \(reference) note 3", key: key)]
            )
        }
        try queue.close()
        return file
    }

    @Test func aV4StoreUpgradesVerifiesAndKeepsEveryRecord() throws {
        try TemporaryDirectory.with { directory in
            let key = EncryptionKey.generate()
            let file = try legacyStore(directory, key: key)
            #expect(try AppDatabase.storedKeyIDs(of: file) == [key.id])
            #expect(throws: StorageError.self) { _ = try AppDatabase(file: file, key: .generate()) }

            let database = try AppDatabase(file: file, key: key)
            let report = try database.verify()
            #expect(report.isSound, "\(report.problems)")
            #expect(report.events == 3)
            let store = ConcernStore(database: database)
            let record = try store.read("PC-2026-0001", actor: "cli:lead", reason: "after upgrade", at: t0 + 30)
            #expect(record.fields.map(\.value) == ["A student", "OLD-SECRET"])
            #expect(record.reporter == "console:sam")
            #expect(record.events.contains { $0.note == "OLD-NOTE" })
            try store.update(
                "PC-2026-0001",
                stage: .closed,
                resolution: .noFurtherAction,
                note: "Closed after the upgrade",
                actor: "cli:lead",
                at: t0 + 40
            )
            #expect(try database.verify().isSound)
            #expect(try AppDatabase.storedKeyIDs(of: file) == [key.id])
        }
    }
}
