import AssistantCore
import Foundation
import GRDB
import Storage
import Testing

struct ConcernStoreTests {
    let t0: Int64 = 1_795_944_000  // 2026-11-29

    @Test func createsNumberedRecordsAndReadsThemBackAudited() throws {
        let fixture = try StoreFixture()
        let store = ConcernStore(database: fixture.database)
        let first = try store.create(StoreFixture.submission(), at: t0)
        let second = try store.create(StoreFixture.submission(), at: t0 + 60)
        #expect(first == "PC-2026-0001")
        #expect(second == "PC-2026-0002")
        let record = try store.read(first, actor: "console:lead", reason: "triage", at: t0 + 120)
        #expect(record.reporter == "console:sam")
        #expect(record.fields.map(\.value) == ["A student", "Jo Example", StoreFixture.secret])
        #expect(record.stage == .reported)
        #expect(record.events.map(\.action) == ["created", "viewed"])
        #expect(record.events.last?.actor == "console:lead")
        #expect(record.events.last?.reason == "triage")
        // The reporter is named only in the sealed record, never in the chronology.
        #expect(!record.events.contains { $0.actor == "console:sam" })
    }

    @Test func sensitiveTextNeverReachesTheFileInTheClear() throws {
        let fixture = try StoreFixture()
        let store = ConcernStore(database: fixture.database)
        let reference = try store.create(StoreFixture.submission(), at: t0)
        try store.update(reference, stage: .triaged, note: "NOTE-TEXT-XYZZY", actor: "cli:lead", at: t0 + 1)
        let bytes = try fixture.rawBytes()
        for secret in [StoreFixture.secret, "Jo Example", "console:sam", "NOTE-TEXT-XYZZY"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is in the database file")
        }
        #expect(bytes.range(of: Data("A student".utf8)) != nil)  // plain categories are kept in the clear
    }

    @Test func wrongKeyAndTamperedRowsGiveClearErrorsNeverGarbage() throws {
        let fixture = try StoreFixture()
        let reference = try ConcernStore(database: fixture.database).create(StoreFixture.submission(), at: t0)
        // A wrong key is refused when the store is opened (KeySafetyTests), before any record is read.
        #expect {
            _ = try fixture.reopen(with: .generate())
        } throws: { ($0 as? StorageError)?.isWrongKey == true }

        // Swap two sealed values between fields: each is bound to its place, so both fail to open.
        let queue = try DatabaseQueue(path: fixture.file.path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER concern_fields_limited_update")
            try db.execute(
                sql: """
                    UPDATE concern_fields SET value_sealed = (SELECT value_sealed FROM concern_fields WHERE slot = 'subject_name')
                    WHERE slot = 'what_happened'
                    """
            )
        }
        #expect {
            _ = try ConcernStore(database: fixture.database).read(reference, actor: "a", reason: "r", at: t0)
        } throws: { error in
            let error = error as? StorageError
            return error?.isTampered == true && error?.description.contains("what_happened") == true
        }
    }

    @Test func recordsAreAppendOnlyInTheDatabaseItself() throws {
        let fixture = try StoreFixture()
        let reference = try ConcernStore(database: fixture.database).create(StoreFixture.submission(), at: t0)
        let queue = try DatabaseQueue(path: fixture.file.path)
        for sql in [
            "DELETE FROM concerns", "UPDATE concerns SET urgent = 1", "DELETE FROM concern_events",
            "UPDATE concern_events SET actor = 'someone else'", "DELETE FROM concern_fields",
            "UPDATE concern_fields SET value_plain = 'changed' WHERE slot = 'subject_type'",
        ] {
            #expect(throws: DatabaseError.self, "\(sql) should be refused") {
                try queue.write { try $0.execute(sql: sql) }
            }
        }
        #expect(try ConcernStore(database: fixture.database).histories().map(\.reference) == [reference])
    }

    @Test func stagesHistoryAndOfSCounts() throws {
        let fixture = try StoreFixture()
        let store = ConcernStore(database: fixture.database)
        let day: Int64 = 86_400
        let a = try store.create(StoreFixture.submission(), at: t0)
        try store.update(
            a,
            stage: .triaged,
            ideology: .extremeRightWing,
            note: "Triaged: material shared in a group chat",
            actor: "lead",
            at: t0 + day
        )
        try store.update(
            a,
            stage: .escalatedToPreventLead,
            note: "For the Prevent lead",
            actor: "lead",
            at: t0 + 2 * day
        )
        try store.update(a, stage: .referred, note: "Referred after advice", actor: "lead", at: t0 + 3 * day)
        #expect(throws: StorageError.self) {
            try store.update(a, stage: .closed, note: "Closed without an outcome", actor: "lead", at: t0)
        }
        try store.update(
            a,
            stage: .closed,
            resolution: .referred,
            note: "Referral accepted; closed here",
            actor: "lead",
            at: t0 + 4 * day
        )
        let history = try #require(try store.histories().first)
        #expect(history.changes.map(\.stage) == [.reported, .triaged, .escalatedToPreventLead, .referred, .closed])
        #expect(history.ideology == .extremeRightWing)
        #expect(history.closure?.resolution == .referred)
        let year = try #require(AcademicYear("2026-27"))
        let report = OfSWelfareReturn(year: year, histories: try store.histories())
        #expect(report.count(.escalatedToPreventLead, .extremeRightWing) == 1)
        #expect(report.total(.externalAdviceSought) == 0)
        #expect(report.total(.referred) == 1)
    }

    @Test func ownConcernsAreFoundByReporterOnly() throws {
        let fixture = try StoreFixture()
        let store = ConcernStore(database: fixture.database)
        let mine = try store.create(StoreFixture.submission(reporter: "matrix:@sam:x"), at: t0)
        _ = try store.create(StoreFixture.submission(reporter: "matrix:@alex:x"), at: t0)
        #expect(try store.own(reporter: "matrix:@sam:x", at: t0).map(\.reference) == [mine])
        #expect(try store.isReporter("matrix:@sam:x", of: mine))
        #expect(try !store.isReporter("matrix:@alex:x", of: mine))
    }

    @Test func purgeLeavesATombstoneAndDryRunChangesNothing() throws {
        let fixture = try StoreFixture()
        let store = ConcernStore(database: fixture.database)
        let closed = try store.create(StoreFixture.submission(), at: t0)
        let open = try store.create(StoreFixture.submission(), at: t0)
        try store.update(
            closed,
            stage: .closed,
            resolution: .noFurtherAction,
            note: "No further action needed",
            actor: "lead",
            at: t0
        )
        let policy = RetentionPolicy(months: [.noFurtherAction: 12])
        let early = try #require(CalendarDate(iso: "2027-11-28"))
        let late = try #require(CalendarDate(iso: "2027-11-29"))
        #expect(try store.purge(policy: policy, today: early, actor: "cli", at: t0, dryRun: false).isEmpty)
        #expect(try store.purge(policy: policy, today: late, actor: "cli", at: t0, dryRun: true) == [closed])
        #expect(try store.read(closed, actor: "a", reason: "r", at: t0).fields.count == 3)
        #expect(try store.purge(policy: policy, today: late, actor: "cli", at: t0, dryRun: false) == [closed])
        let tombstone = try store.read(closed, actor: "a", reason: "r", at: t0)
        #expect(tombstone.purged)
        #expect(tombstone.fields.isEmpty)
        #expect(tombstone.reporter == nil)
        #expect(tombstone.events.contains { $0.action == "purged" })
        #expect(try fixture.rawBytes().range(of: Data("n".utf8)) != nil)  // sanity: bytes are readable
        #expect(try store.read(open, actor: "a", reason: "r", at: t0).fields.count == 3)
        #expect(throws: StorageError.self) {
            try store.update(closed, stage: .triaged, note: "Should not be possible", actor: "lead", at: t0)
        }
    }

    @Test func keyRotationReEncryptsEverything() throws {
        let fixture = try StoreFixture()
        let store = ConcernStore(database: fixture.database)
        let reference = try store.create(StoreFixture.submission(), at: t0)
        try store.update(reference, stage: nil, note: "a note", actor: "lead", at: t0)
        try ConversationStore(database: fixture.database).save(
            ConversationState(offeredChoices: ["x"]),
            for: "console:sam",
            at: t0
        )
        try AlertOutbox(database: fixture.database).acknowledge(id: 0, at: t0)
        let newKey = EncryptionKey.generate()
        let count = try store.rotate(to: newKey)
        #expect(count == 6)  // the reporter, two sealed fields, one note, one conversation, the chain key
        let reopened = try fixture.reopen(with: newKey)
        let record = try ConcernStore(database: reopened).read(reference, actor: "a", reason: "r", at: t0)
        #expect(record.fields.last?.value == StoreFixture.secret)
        #expect(record.events.contains { $0.note == "a note" })
        #expect(
            try ConcernStore(database: reopened).own(reporter: "console:sam", at: t0).map(\.reference) == [reference]
        )
        #expect(try ConversationStore(database: reopened).load("console:sam").offeredChoices == ["x"])
        #expect {
            _ = try fixture.reopen(with: fixture.key)
        } throws: { ($0 as? StorageError)?.isWrongKey == true }
    }
}
