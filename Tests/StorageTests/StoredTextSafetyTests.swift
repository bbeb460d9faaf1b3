import AssistantCore
import Foundation
import GRDB
import PreventAssistTesting
import Storage
import Testing

/// What a sealed value's length says (nothing about a choice), what reaches a lead's terminal (no control
/// characters), how the pathway's moves are checked, and that concurrent writers wait instead of failing.
struct StoredTextSafetyTests {
    let t0: Int64 = 1_795_944_000

    @Test func sealedChoicesAllHaveTheSameLength() throws {
        let fixture = try StoreFixture()
        let store = ConcernStore(database: fixture.database)
        // The raise-concern form's kinds of concern, as stored: six labels of six lengths.
        let labels = [
            "Support for violence", "Extremist material", "Talk of travel to a conflict zone",
            "Sudden change in behaviour", "Something else", "Not sure",
        ]
        for label in labels {
            _ = try store.create(StoreFixture.submission(what: label), at: t0)
        }
        let queue = try DatabaseQueue(path: fixture.file.path)
        defer { try? queue.close() }
        let lengths = try queue.read { db in
            try Int.fetchAll(db, sql: "SELECT length(value_sealed) FROM concern_fields WHERE slot = 'what_happened'")
        }
        #expect(lengths.count == labels.count)
        #expect(Set(lengths).count == 1, "sealed lengths \(lengths) reveal the choice")
    }

    @Test func controlCharactersAreMadeVisibleBeforeTheyAreStored() throws {
        let fixture = try StoreFixture()
        let store = ConcernStore(database: fixture.database)
        let hostile = "hidden\u{1B}[8mtext\u{07}\u{1B}]52;c;cHduZWQ=\u{07} and \u{9B}31m C1"
        let reference = try store.create(StoreFixture.submission(what: hostile), at: t0)
        try store.update(reference, stage: .triaged, note: "rationale \u{1B}[2J cleared", actor: "cli:lead", at: t0 + 1)
        let record = try store.read(reference, actor: "cli:lead", reason: "check", at: t0 + 2)
        let text = record.fields.map(\.value).joined() + (record.events.compactMap(\.note).joined())
        #expect(!text.unicodeScalars.contains { ControlCharacters.isControl($0) })
        #expect(text.contains("⟨U+001B⟩[8m"))
        #expect(text.contains("⟨U+009B⟩"))
    }

    @Test func theControlCharacterFilterKeepsLinesAndTabs() {
        #expect(ControlCharacters.visible("one\ntwo\tthree") == "one\ntwo\tthree")
        #expect(ControlCharacters.visible("one\r\ntwo\rthree") == "one\ntwo\nthree")
        #expect(ControlCharacters.visible("a\u{0}b\u{7F}c\u{202E}d") == "a⟨U+0000⟩b⟨U+007F⟩c⟨U+202E⟩d")
    }

    @Test func everyStageChangeNeedsAnAllowedMoveAndARationale() throws {
        let fixture = try StoreFixture()
        let store = ConcernStore(database: fixture.database)
        let reference = try store.create(StoreFixture.submission(), at: t0)
        #expect { try store.update(reference, stage: .triaged, note: nil, actor: "cli:lead", at: t0) } throws: {
            "\($0)".contains("rationale")
        }
        try store.update(reference, stage: .triaged, note: "Looked at it with the tutor", actor: "cli:lead", at: t0)
        #expect {
            try store.update(reference, stage: .closed, note: "No further action", actor: "cli:lead", at: t0)
        } throws: { "\($0)".contains("outcome") }
        try store.update(
            reference,
            stage: .closed,
            resolution: .noFurtherAction,
            note: "No further action: a misunderstanding",
            actor: "cli:lead",
            at: t0 + 1
        )
        #expect {
            try store.update(reference, stage: .reported, note: "back to the start", actor: "cli:lead", at: t0 + 2)
        } throws: { "\($0)".contains("reopen") }
        #expect {
            try store.reopen(reference, reason: "", actor: "cli:lead", at: t0 + 3)
        } throws: { "\($0)".contains("rationale") }
        try store.reopen(reference, reason: "New information from the tutor", actor: "cli:lead", at: t0 + 4)
        let record = try store.read(reference, actor: "cli:lead", reason: "check", at: t0 + 5)
        #expect(record.stage == .triaged)
        #expect(record.events.contains { $0.action == "reopened" && $0.note == "New information from the tutor" })
        #expect(try fixture.database.verify().isSound)
    }

    @Test func concurrentWritersWaitInsteadOfFailing() async throws {
        let fixture = try StoreFixture()
        let file = fixture.file
        let key = fixture.key
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    try await OwnThread.run {
                        let database = try AppDatabase(file: file, key: key)
                        let store = ConcernStore(database: database)
                        for round in 0..<25 {
                            _ = try store.create(
                                StoreFixture.submission(reporter: "console:w\(writer)"),
                                at: 1_795_944_000 + Int64(round)
                            )
                            _ = try store.list(actor: "cli:lead", at: 1_795_944_000)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try ConcernStore(database: fixture.database).histories().count == 100)
        #expect(try fixture.database.verify().isSound)
    }
}
