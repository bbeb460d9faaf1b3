import AssistantCore
import Foundation
import PreventAssistTesting
import Storage
import Testing

/// The desk's storage: the one-query queue and histories agree with the per-record paths, accounts and sessions,
/// and key rotation re-seals the TOTP secrets.
struct DeskStorageTests {
    static let start: Int64 = 1_791_190_800

    func submission(urgent: Bool) -> FormSubmission {
        FormSubmission(
            formID: "raise_concern",
            reporterID: "matrix:@r:example.ac.uk",
            urgent: urgent,
            fields: [.init(slot: "what", label: "What", value: "text", display: "text", sensitivity: .freeText)]
        )
    }

    @Test func theQueueListsOpenRecordsUrgentFirstOldestFirstAndFilters() throws {
        try TemporaryDirectory.with { directory in
            let database = try AppDatabase(
                file: directory.url.appendingPathComponent("s.sqlite"),
                key: EncryptionKey.generate()
            )
            let store = ConcernStore(database: database)
            let old = try store.create(submission(urgent: false), at: Self.start)
            let urgent = try store.create(submission(urgent: true), at: Self.start + 10)
            let closed = try store.create(submission(urgent: true), at: Self.start + 20)
            let triaged = try store.create(submission(urgent: false), at: Self.start + 30)
            try store.update(
                triaged,
                stage: .triaged,
                note: "reviewed with the reporter",
                actor: "t",
                at: Self.start + 40
            )
            try store.update(
                closed,
                stage: .closed,
                resolution: .noFurtherAction,
                note: "no concern after review",
                actor: "t",
                at: Self.start + 50
            )
            let all = try store.openQueue(stage: nil, urgentOnly: false, limit: 10, actor: "t", at: Self.start + 60)
            #expect(all.items.map(\.reference) == [urgent, old, triaged])
            #expect(all.total == 3)
            #expect(all.items.map(\.stage) == [.reported, .reported, .triaged])
            let onlyTriaged = try store.openQueue(stage: .triaged, urgentOnly: false, limit: 10, actor: "t", at: 0)
            #expect(onlyTriaged.items.map(\.reference) == [triaged])
            let onlyUrgent = try store.openQueue(stage: nil, urgentOnly: true, limit: 10, actor: "t", at: 0)
            #expect(onlyUrgent.items.map(\.reference) == [urgent])
            let limited = try store.openQueue(stage: nil, urgentOnly: false, limit: 1, actor: "t", at: 0)
            #expect(limited.items.count == 1 && limited.total == 3)
            #expect(try store.historiesInOneQuery() == store.histories())
            try store.reopen(closed, reason: "new information arrived", actor: "t", at: Self.start + 70)
            try store.update(old, stage: nil, ideology: .other, note: nil, actor: "t", at: Self.start + 80)
            try store.update(
                old,
                stage: .escalatedToPreventLead,
                note: "escalated after review",
                actor: "t",
                at: Self.start + 90
            )
            #expect(try store.historiesInOneQuery() == store.histories())
            #expect(try store.historiesInOneQuery(reaching: [.triaged]).map(\.reference) == [closed, triaged])
            let year = try #require(AcademicYear("2026-27"))
            let filtered = OfSWelfareReturn(
                year: year,
                histories: try store.historiesInOneQuery(reaching: OfSWelfareReturn.measures)
            )
            #expect(filtered == OfSWelfareReturn(year: year, histories: try store.histories()))
            #expect(filtered.total(.escalatedToPreventLead) == 1)
        }
    }

    @Test func sessionsAreFoundByTheirHashAndEndWhenTheAccountIsDisabled() throws {
        try TemporaryDirectory.with { directory in
            let database = try AppDatabase(
                file: directory.url.appendingPathComponent("s.sqlite"),
                key: EncryptionKey.generate()
            )
            let accounts = DeskAccountStore(database: database)
            try accounts.add(name: "alex", role: "lead", setupCodeHash: "h", setupExpiresAt: 100, at: 0)
            #expect(throws: StorageError.self) {
                try accounts.add(name: "alex", role: "lead", setupCodeHash: "h", setupExpiresAt: 100, at: 0)
            }
            #expect(try accounts.credentials("alex") == nil, "not enrolled yet")
            #expect(throws: StorageError.self) { try accounts.enrol("alex", passwordHash: "p", totpStep: 1) }
            try accounts.stagePendingSecret("alex", totpSecret: "SECRET")
            try accounts.enrol("alex", passwordHash: "p", totpStep: 1)
            #expect(try accounts.pendingSetup("alex") == nil, "the set-up code is used up")
            try accounts.createSession(idHash: "hash-1", account: "alex", csrfToken: "c", at: 10)
            #expect(try accounts.session(idHash: "hash-1")?.account == "alex")
            #expect(try accounts.session(idHash: "hash-2") == nil)
            try accounts.disable("alex", at: 20)
            #expect(try accounts.session(idHash: "hash-1") == nil)
            #expect(try accounts.credentials("alex") == nil)
            #expect(try accounts.account(named: "alex")?.isDisabled == true)
        }
    }

    @Test func keyRotationReSealsTheTOTPSecrets() throws {
        try TemporaryDirectory.with { directory in
            let file = directory.url.appendingPathComponent("s.sqlite")
            let oldKey = EncryptionKey.generate()
            let newKey = EncryptionKey.generate()
            do {
                let database = try AppDatabase(file: file, key: oldKey)
                let accounts = DeskAccountStore(database: database)
                try accounts.add(name: "alex", role: "lead", setupCodeHash: "h", setupExpiresAt: 100, at: 0)
                try accounts.stagePendingSecret("alex", totpSecret: "SECRET-ONE")
                try accounts.enrol("alex", passwordHash: "p", totpStep: 1)
                #expect(try ConcernStore(database: database).rotate(to: newKey) >= 1)
            }
            let reopened = try AppDatabase(file: file, key: newKey)
            #expect(try DeskAccountStore(database: reopened).credentials("alex")?.totpSecret == "SECRET-ONE")
        }
    }
}
