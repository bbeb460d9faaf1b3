import AssistantCore
import Foundation
import GRDB
import PreventAssistTesting
import Storage
import Testing

/// The store is tamper-evident: ordinary SQL cannot clear sealed values or fake a purge, and `verify()` names the
/// record and event after any single-row change to the chronology or the content.
struct TamperEvidenceTests {
    let t0: Int64 = 1_795_944_000

    /// A store with two records, one moved along the pathway with rationales, one with a general audit entry.
    private func store() throws -> (StoreFixture, String) {
        let fixture = try StoreFixture()
        let store = ConcernStore(database: fixture.database)
        let first = try store.create(StoreFixture.submission(), at: t0)
        _ = try store.create(StoreFixture.submission(reporter: "console:kim"), at: t0 + 10)
        try store.update(
            first,
            stage: .triaged,
            note: "Spoke to the tutor; needs a closer look",
            actor: "cli:lead",
            at: t0 + 60
        )
        try store.update(
            first,
            stage: .escalatedToPreventLead,
            note: "Prevent lead to review the material",
            actor: "cli:lead",
            at: t0 + 120
        )
        _ = try store.list(actor: "cli:lead", at: t0 + 180)
        #expect(try fixture.database.verify().isSound)
        return (fixture, first)
    }

    /// Changes the database behind the store's back, with the append-only triggers dropped, as someone with the
    /// file could.
    private func tamper(_ fixture: StoreFixture, _ sql: String) throws {
        let queue = try DatabaseQueue(path: fixture.file.path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            try db.execute(sql: sql)
        }
        try queue.close()
    }

    private func problems(_ fixture: StoreFixture) throws -> [String] {
        try fixture.database.verify().problems.map(\.description)
    }

    @Test func aHealthyStoreIsSound() throws {
        let (fixture, _) = try store()
        let report = try fixture.database.verify()
        #expect(report.isSound)
        #expect(report.records == 2)
        #expect(report.events == 5)  // two created, two stage changes, one listing
        #expect(report.sealedValues >= 8)
    }

    @Test func ordinarySQLCannotClearASealedValueOrFakeAPurge() throws {
        let (fixture, _) = try store()
        let queue = try DatabaseQueue(path: fixture.file.path)
        defer { try? queue.close() }
        #expect(throws: (any Error).self) {
            try queue.write { try $0.execute(sql: "UPDATE concern_fields SET value_sealed = NULL") }
        }
        #expect(throws: (any Error).self) {
            try queue.write { try $0.execute(sql: "UPDATE concerns SET purged_at = 1 WHERE id = 1") }
        }
        #expect(throws: (any Error).self) {
            try queue.write { try $0.execute(sql: "UPDATE concerns SET reporter_sealed = NULL WHERE id = 1") }
        }
        #expect(throws: (any Error).self) {
            try queue.write { try $0.execute(sql: "UPDATE concern_events SET at = 0 WHERE id = 3") }
        }
        #expect(try fixture.database.verify().isSound)
    }

    @Test func aChangedCiphertextIsFoundAndNamed() throws {
        let (fixture, first) = try store()
        try tamper(
            fixture,
            """
            UPDATE concern_fields
            SET value_sealed = CAST(substr(value_sealed, 1, 40) || X'00' || substr(value_sealed, 42) AS BLOB)
            WHERE concern_id = 1 AND slot = 'what_happened'
            """
        )
        let found = try problems(fixture)
        #expect(found.contains { $0.hasPrefix(first) && $0.contains("what_happened") }, "\(found)")
    }

    @Test func aClearedValueIsFound() throws {
        let (fixture, first) = try store()
        try tamper(
            fixture,
            "UPDATE concern_fields SET value_sealed = NULL WHERE concern_id = 1 AND slot = 'subject_name'"
        )
        #expect(try problems(fixture).contains { $0.hasPrefix(first) && $0.contains("subject_name") })
    }

    @Test func aChangedPlainFieldIsFound() throws {
        let (fixture, first) = try store()
        try tamper(
            fixture,
            "UPDATE concern_fields SET value_plain = 'A member of staff' WHERE concern_id = 1 AND slot = 'subject_type'"
        )
        #expect(try problems(fixture).contains { $0.hasPrefix(first) && $0.contains("differ") })
    }

    @Test func anInsertedEventIsFound() throws {
        let (fixture, first) = try store()
        try tamper(
            fixture,
            "INSERT INTO concern_events (concern_id, at, actor, action, stage) VALUES (1, \(t0 + 200), 'cli:lead', 'stage_changed', 'closed')"
        )
        #expect(try problems(fixture).contains { $0.hasPrefix(first) && $0.contains("chain") })
    }

    @Test func aDeletedEventInTheMiddleOrAtTheEndIsFound() throws {
        let (middle, first) = try store()
        try tamper(middle, "DELETE FROM concern_events WHERE id = 3")
        #expect(try problems(middle).contains { $0.hasPrefix(first) || $0.contains("chain") })

        let (end, _) = try store()
        try tamper(end, "DELETE FROM concern_events WHERE id = (SELECT MAX(id) FROM concern_events)")
        #expect(try problems(end).contains { $0.contains("chain head") })
    }

    @Test func reorderedEventsAreFound() throws {
        let (fixture, _) = try store()
        // Swap what the two stage changes say, keeping their ids: the order of the pathway is changed.
        try tamper(
            fixture,
            """
            UPDATE concern_events SET stage = CASE id WHEN 3 THEN 'escalated_to_prevent_lead' ELSE 'triaged' END
            WHERE id IN (3, 4)
            """
        )
        #expect(try problems(fixture).count >= 2)
    }

    @Test func aBackDatedStageIsFound() throws {
        let (fixture, first) = try store()
        try tamper(fixture, "UPDATE concern_events SET at = \(t0 - 86_400 * 400) WHERE id = 4")
        #expect(try problems(fixture).contains { $0.hasPrefix(first) && $0.contains("event #4") })
    }

    @Test func aValueOfTheWrongTypeIsFoundNotACrash() throws {
        let (fixture, _) = try store()
        try tamper(fixture, "UPDATE concern_events SET at = 'yesterday', concern_id = 'x' WHERE id = 3")
        try tamper(
            fixture,
            "UPDATE concern_fields SET slot = X'00FF', position = 'first' WHERE concern_id = 1 AND position = 0"
        )
        try tamper(fixture, "UPDATE chain_head SET event_id = 'last'")
        let found = try problems(fixture)
        #expect(found.contains { $0.contains("event #3") && $0.contains("chain") }, "\(found)")
        #expect(found.contains { $0.contains("chain head") }, "\(found)")
        #expect(found.contains { $0.contains("differ") }, "\(found)")
    }

    @Test func aStageTheDatabaseAllowsButThePathwayDoesNotIsFound() throws {
        let (fixture, first) = try store()
        let store = ConcernStore(database: fixture.database)
        try store.update(
            first,
            stage: .closed,
            resolution: .noFurtherAction,
            note: "No concern after review",
            actor: "cli:lead",
            at: t0 + 300
        )
        #expect(try fixture.database.verify().isSound)
        // The store refuses closed → reported; the check also reports such a move however it got there.
        #expect {
            try store.update(first, stage: .reported, note: "Should not be possible", actor: "cli:lead", at: t0 + 400)
        } throws: { "\($0)".contains("reopen") }
    }

    @Test func aBackupOfATamperedStoreIsUnsound() throws {
        let (fixture, _) = try store()
        try tamper(fixture, "UPDATE concern_notes SET note_sealed = X'0102' WHERE event_id = 3")
        let report = try fixture.database.backup(to: fixture.directory.url.appendingPathComponent("copy.sqlite"))
        #expect(report.integrity == "ok")
        #expect(!report.isSound)
        #expect(report.problems.contains { $0.eventID == 3 })
    }

    @Test func theKeyRotationKeepsTheChainAndTheCheck() throws {
        let (fixture, _) = try store()
        let newKey = EncryptionKey.generate()
        #expect(try ConcernStore(database: fixture.database).rotate(to: newKey) > 8)
        let reopened = try fixture.reopen(with: newKey)
        #expect(try reopened.verify().isSound)
        #expect(try AppDatabase.storedKeyIDs(of: fixture.file) == [newKey.id])
    }
}
