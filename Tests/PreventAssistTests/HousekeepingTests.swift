import AssistantCore
import AssistantService
import Foundation
import Platforms
import PreventAssistTesting
import Storage
import Testing

/// ``Housekeeping`` against a real SQLite file: what has expired goes, nothing else.
struct HousekeepingTests {
    static let day: Int64 = 86_400

    @Test func expiredDraftsOldHandledMessagesAndOldSendRecordsGoAndNothingElse() throws {
        try TemporaryDirectory.with { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let now: Int64 = 100 * Self.day
            let conversations = ConversationStore(database: database)
            let draft = ConversationState(
                form: FormSession(formID: "raise_concern", reporterID: "matrix:@sam", firstSlot: "what_happened")
            )
            try conversations.save(draft, for: "old-draft", at: now - 2 * Self.day)
            try conversations.save(draft, for: "fresh-draft", at: now - 3_600)
            try conversations.save(ConversationState(offeredChoices: ["a"]), for: "no-draft", at: now - 50 * Self.day)

            let store = PlatformStateStore(database: database)
            for (message, age) in [("old-message", 31 * Self.day), ("recent-message", 29 * Self.day)] {
                try store.record([], for: message, platform: "campus-matrix", at: now - age)
            }

            try store.setValue(
                "1",
                SentPartRecord.prefix + "pa-old-0#1",
                for: "campus-telegram",
                at: now - 8 * Self.day
            )
            try store.setValue("2", SentPartRecord.prefix + "pa-new-0#1", for: "campus-telegram", at: now - Self.day)
            try store.setValue("!room", "dm:@sam", for: "campus-matrix", at: now - 90 * Self.day)

            let report = try Housekeeping(database: database, draftExpiryHours: 24).run(at: now)

            #expect(report == Housekeeping.Report(expiredDrafts: 1, handledMessages: 1, sentPartRecords: 1))
            #expect(try conversations.load("old-draft") == .initial)
            #expect(try conversations.load("fresh-draft") == draft)
            #expect(try conversations.load("no-draft").offeredChoices == ["a"])
            #expect(try store.isHandled("old-message", on: "campus-matrix") == false)
            #expect(try store.isHandled("recent-message", on: "campus-matrix"))
            #expect(try store.value(SentPartRecord.prefix + "pa-old-0#1", for: "campus-telegram") == nil)
            #expect(try store.value(SentPartRecord.prefix + "pa-new-0#1", for: "campus-telegram") == "2")
            #expect(try store.value("dm:@sam", for: "campus-matrix") == "!room")
            // A second run finds nothing more.
            #expect(try Housekeeping(database: database, draftExpiryHours: 24).run(at: now).isEmpty)
        }
    }
}
