import AssistantCore
import Foundation
import GRDB
import PreventAssistTesting
import Storage
import Testing

/// Snippets in the store: moderation with an append-only history, feedback, and signed bundles between institutions.
struct SnippetStoreTests {
    let t0: Int64 = 1_795_944_000  // 2026-11-29

    static let snippet = Snippet(
        title: "A speaker-request checklist",
        whatWasDone: "Societies send every visiting speaker through one form. The events team checks it within a week.",
        whyItWorked: "Requests arrive early, so conditions can be agreed calmly.",
        tags: [.externalSpeakersAndEvents],
        visibility: .shared
    )

    @Test func moderationIsRecordedAndTheAuthorIsTold() throws {
        let fixture = try StoreFixture()
        let store = SnippetStore(database: fixture.database)
        let id = try store.submit(Self.snippet, author: "console:sam", at: t0)
        #expect(id == "GP-0001")
        #expect(try store.snippet(id)?.status == .pending)
        #expect(try store.pendingNotices().map(\.recipient) == [SnippetNotice.moderators])
        try store.edit(id, title: "A checklist for speaker requests", actor: "console:mod", at: t0 + 1)
        try store.approve(id, actor: "console:mod", at: t0 + 2)
        #expect(throws: StorageError.self) { try store.approve(id, actor: "console:mod", at: t0 + 3) }
        let events = try store.events(id)
        #expect(events.map(\.action) == ["submitted", "edited", "approved"])
        #expect(events.map(\.actor) == ["console:sam", "console:mod", "console:mod"])
        #expect(events[1].detail?.contains("A speaker-request checklist") == true)  // the old title is kept
        #expect(try store.snippet(id)?.record.snippet.title == "A checklist for speaker requests")
        let notices = try store.pendingNotices()
        #expect(notices.last?.recipient == "console:sam")
        #expect(notices.last?.text.contains("approved") == true)
        try store.reject(id, reason: "Duplicates an existing snippet", actor: "console:mod", at: t0 + 4)
        #expect(try store.pendingNotices().last?.text.contains("Duplicates an existing snippet") == true)
        #expect(throws: StorageError.self) {
            try store.edit(id, whatWasDone: "Sarah Khan runs it. It works well.", actor: "console:mod", at: t0 + 5)
        }
    }

    @Test func historyCannotBeChangedOrDeleted() throws {
        let fixture = try StoreFixture()
        let store = SnippetStore(database: fixture.database)
        let id = try store.submit(Self.snippet, author: "console:sam", at: t0)
        try store.approve(id, actor: "console:mod", at: t0 + 1)
        let queue = try DatabaseQueue(path: fixture.file.path)
        for sql in [
            "UPDATE snippet_events SET actor = 'someone else'",
            "DELETE FROM snippet_events",
            "DELETE FROM snippets",
            "UPDATE snippets SET author = 'console:other'",
        ] {
            #expect(throws: (any Error).self, "\(sql) must fail") { try queue.write { try $0.execute(sql: sql) } }
        }
        #expect(try store.events(id).count == 2)
    }

    @Test func feedbackIsOneVotePerPersonAndTheLastCounts() throws {
        let fixture = try StoreFixture()
        let store = SnippetStore(database: fixture.database)
        try store.recordFeedback("seed-x", useful: true, rater: "console:a", at: t0)
        try store.recordFeedback("seed-x", useful: false, rater: "console:a", at: t0 + 1)
        try store.recordFeedback("seed-x", useful: true, rater: "console:b", at: t0 + 2)
        #expect(try store.feedback()["seed-x"] == .init(useful: 1, notUseful: 1))
        #expect(try fixture.rawBytes().range(of: Data("console:a".utf8)) == nil)
    }

    // MARK: - Exchange

    func exported(_ key: SnippetSigningKey) throws -> (Data, SnippetSettings.TrustedInstitution) {
        let fixture = try StoreFixture()
        let store = SnippetStore(database: fixture.database)
        let shared = try store.submit(Self.snippet, author: "console:sam", at: t0)
        try store.approve(shared, actor: "console:mod", at: t0)
        var local = Self.snippet.editing(title: "Only for us")
        local = Snippet(
            title: local.title,
            whatWasDone: "Our own version. It stays here.",
            whyItWorked: "Local.",
            tags: [.training],
            visibility: .institution
        )
        try store.approve(try store.submit(local, author: "console:sam", at: t0), actor: "console:mod", at: t0)
        _ = try store.submit(Self.snippet.editing(title: "Still pending"), author: "console:sam", at: t0)
        let bundle = try store.exportBundle(
            institution: "Exporting University",
            key: key,
            today: CalendarDate(unixSeconds: t0)
        )
        #expect(bundle.snippets.map(\.id) == [shared])
        return (try bundle.fileBytes(), .init(name: "Exporting University", publicKey: key.publicKeyBase64))
    }

    @Test func aBundleRoundTripsWithAttributionAndSkipsDuplicates() throws {
        let key = SnippetSigningKey.generate()
        let (data, trusted) = try exported(key)
        let other = try StoreFixture()
        let store = SnippetStore(database: other.database)
        let result = try store.importBundle(data, trusted: [trusted], actor: "cli:admin", at: t0 + 10)
        #expect(result.imported == ["GP-0001"])
        #expect(result.institution == "Exporting University")
        let imported = try #require(try store.snippet("GP-0001"))
        #expect(imported.status == .pending)
        #expect(imported.originInstitution == "Exporting University")
        #expect(imported.record.snippet.institution == "Exporting University")
        #expect(imported.author == "import:Exporting University")
        #expect(try store.events("GP-0001").map(\.action) == ["imported"])
        let again = try store.importBundle(data, trusted: [trusted], actor: "cli:admin", at: t0 + 20)
        #expect(again.imported.isEmpty)
        #expect(again.duplicates == 1)
    }

    @Test func aChangedByteOrAnUntrustedKeyImportsNothing() throws {
        let key = SnippetSigningKey.generate()
        let (data, trusted) = try exported(key)
        let text = String(decoding: data, as: UTF8.self)
        let other = try StoreFixture()
        let store = SnippetStore(database: other.database)

        // One changed letter inside the snippet text: still canonical JSON, but the signature fails.
        let tampered = Data(text.replacingOccurrences(of: "within a week", with: "within a weak").utf8)
        #expect(tampered.count == data.count)
        #expect(throws: StorageError.self) { try store.importBundle(tampered, trusted: [trusted], actor: "a", at: t0) }
        do {
            _ = try store.importBundle(tampered, trusted: [trusted], actor: "a", at: t0)
        } catch {
            #expect(error.isTampered)
            #expect(error.description.contains("signature"))
        }
        // Every single byte position changed: never accepted.
        var bytes = [UInt8](data)
        for position in stride(from: 0, to: bytes.count - 1, by: 7) {
            let original = bytes[position]
            bytes[position] = original == 0x41 ? 0x42 : 0x41
            #expect(throws: StorageError.self, "byte \(position)") {
                try store.importBundle(Data(bytes), trusted: [trusted], actor: "a", at: t0)
            }
            bytes[position] = original
        }
        // A bundle signed by a key nobody trusted.
        let stranger = SnippetSettings.TrustedInstitution(
            name: "Exporting University",
            publicKey: SnippetSigningKey.generate().publicKeyBase64
        )
        do {
            _ = try store.importBundle(data, trusted: [stranger], actor: "a", at: t0)
            Issue.record("an untrusted bundle was imported")
        } catch {
            #expect(error.isAccessDenied)
            #expect(error.description.contains("not trusted"))
        }
        // The right key under another name is refused too.
        let misnamed = SnippetSettings.TrustedInstitution(name: "Someone Else", publicKey: key.publicKeyBase64)
        #expect(throws: StorageError.self) { try store.importBundle(data, trusted: [misnamed], actor: "a", at: t0) }
        #expect(try store.list().isEmpty)
    }

    @Test func aSigningKeyFileIsCreatedOwnerOnlyAndReused() throws {
        let fixture = try StoreFixture()
        let file = fixture.directory.url.appendingPathComponent("snippet-signing.key")
        let first = try SnippetSigningKey.load(variable: nil, environment: [:], keyFile: file)
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        let second = try SnippetSigningKey.load(variable: nil, environment: [:], keyFile: file)
        #expect(first.publicKeyBase64 == second.publicKeyBase64)
        #expect(throws: StorageError.self) {
            try SnippetSigningKey.load(variable: "MISSING_KEY", environment: [:], keyFile: file)
        }
    }
}
