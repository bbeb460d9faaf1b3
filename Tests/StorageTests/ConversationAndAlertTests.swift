import AssistantCore
import Foundation
import Storage
import Testing

struct ConversationStoreTests {
    @Test func stateRoundTripsSealedAndInitialStateRemovesTheRow() throws {
        let fixture = try StoreFixture()
        let store = ConversationStore(database: fixture.database)
        let session = FormSession(formID: "raise_concern", reporterID: "console:sam", firstSlot: "what_happened")
        var state = ConversationState(form: session)
        state.form?.answers["what_happened"] = .text("DRAFT-SECRET-TEXT")
        try store.save(state, for: "console:sam", at: 100)
        #expect(try store.load("console:sam") == state)
        #expect(try store.load("console:other") == .initial)
        #expect(try fixture.rawBytes().range(of: Data("DRAFT-SECRET-TEXT".utf8)) == nil)
        try store.save(.initial, for: "console:sam", at: 200)
        #expect(try store.load("console:sam") == .initial)
    }

    @Test func unfinishedDraftsExpire() throws {
        let fixture = try StoreFixture()
        let store = ConversationStore(database: fixture.database)
        let draft = ConversationState(form: FormSession(formID: "f", reporterID: "r", firstSlot: "s"))
        try store.save(draft, for: "old", at: 0)
        try store.save(draft, for: "new", at: 86_000)
        try store.save(ConversationState(offeredChoices: ["a"]), for: "no-draft", at: 0)
        #expect(try store.purgeExpiredDrafts(maxAge: 86_400, at: 86_401) == 1)
        #expect(try store.load("old") == .initial)
        #expect(try store.load("new") == draft)
        #expect(try store.load("no-draft").offeredChoices == ["a"])
    }
}

struct AlertOutboxTests {
    @Test func urgentAlertIsEscalatedOnceWhenNobodyAcknowledges() throws {
        let fixture = try StoreFixture()
        let outbox = AlertOutbox(database: fixture.database)
        let urgent = UrgentAlert(reason: .dangerReportedInForm, reporter: "console:sam")
        try outbox.enqueueUrgent(urgent, text: TeamAlertText.urgent(urgent, at: "1970-01-01 00:00"), at: 0)
        let alert = try #require(try outbox.pending().first)
        #expect(alert.urgent)
        #expect(!alert.text.contains("console:sam"))  // no names in a team room
        #expect(try outbox.reporter(of: alert.id) == "console:sam")
        #expect(try outbox.escalateUnacknowledged(after: 1_800, at: 1_000).isEmpty)
        let escalated = try outbox.escalateUnacknowledged(after: 1_800, at: 1_800)
        #expect(escalated.map(\.recipient) == ["deputy"])
        #expect(try outbox.escalateUnacknowledged(after: 1_800, at: 9_000).isEmpty)  // once
    }

    @Test func acknowledgedAlertIsNotEscalated() throws {
        let fixture = try StoreFixture()
        let reference = try ConcernStore(database: fixture.database).create(
            StoreFixture.submission(urgent: true),
            at: 0
        )
        let outbox = AlertOutbox(database: fixture.database)
        try outbox.enqueueSubmitted(
            reference: reference,
            urgent: true,
            text: TeamAlertText.newConcern(reference: reference, urgent: true),
            at: 0
        )
        #expect(try outbox.pending().first?.text.contains(reference) == true)
        #expect(try outbox.pending().first?.text.contains("Jo Example") == false)
        try outbox.acknowledge(reference: reference, at: 10)
        #expect(try outbox.escalateUnacknowledged(after: 60, at: 1_000).isEmpty)
    }
}
