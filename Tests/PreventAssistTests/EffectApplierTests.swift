import AssistantCore
import AssistantService
import Foundation
import Logging
import PreventAssistTesting
import Storage
import Testing

/// Every effect of an outcome, the new state and the queued replies are applied by ``EffectApplier`` in one
/// transaction.
struct EffectApplierTests {
    static let time: Int64 = 1_795_944_000

    static func message(_ id: String, isDirect: Bool = true) -> InboundMessage {
        InboundMessage(
            platform: "matrix",
            conversationID: "!room",
            isDirect: isDirect,
            senderID: "@sam",
            text: "",
            messageID: id,
            timestamp: time
        )
    }

    static func applier(_ database: AppDatabase) -> EffectApplier {
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        return EffectApplier(
            database: database,
            desk: ConcernDesk(database: database, roles: AccessRoles()),
            snippets: SnippetDesk(database: database, seeds: [], settings: SnippetSettings(), embedder: nil),
            logger: logger
        )
    }

    static let submission = FormSubmission(formID: "raise_concern", reporterID: "matrix:@sam", urgent: true, fields: [])

    @Test("a concern, its team alert, the state, the handled mark and the filled reply are stored together")
    func storesEverythingAndFillsTheReference() throws {
        try TemporaryDirectory.with { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let state = ConversationState(offeredChoices: ["a"])
            let applied = try Self.applier(database).apply(
                [.submitConcern(Self.submission)],
                replies: [Reply(kind: .notice, text: "Stored as \(Effect.referencePlaceholder).")],
                state: state,
                conversation: "matrix:!room:@sam",
                message: Self.message("m1"),
                platform: "campus-matrix"
            )
            let reference = try #require(applied.references.first)
            #expect(applied.replies.map(\.text) == ["Stored as \(reference)."])
            let alert = try #require(try AlertOutbox(database: database).pending().first)
            #expect(alert.text == TeamAlertText.newConcern(reference: reference, urgent: true))
            #expect(try ConversationStore(database: database).load("matrix:!room:@sam") == state)
            let queued = try PlatformStateStore(database: database).pendingReplies("campus-matrix")
            #expect(queued.map(\.reply.text) == ["Stored as \(reference)."])
            #expect(try PlatformStateStore(database: database).isHandled("m1", on: "campus-matrix"))
        }
    }

    @Test("when any part fails, nothing of the outcome is kept: no concern, no alert, no kept question, no state")
    func aFailureKeepsNothing() throws {
        try TemporaryDirectory.with { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let applier = Self.applier(database)
            _ = try applier.apply(
                [],
                replies: [],
                state: .initial,
                conversation: "c",
                message: Self.message("m1"),
                platform: "campus-matrix"
            )
            let question = MissedQuestion(
                text: "parking",
                reason: .declined,
                route: "decline",
                candidates: [],
                platform: "matrix",
                day: "2026-11-29"
            )
            // The same message handled again: marking it handled fails, after the effects were applied.
            #expect(throws: StorageError.self) {
                try applier.apply(
                    [.submitConcern(Self.submission), .keepMissedQuestion(question)],
                    replies: [Reply(kind: .notice, text: "again")],
                    state: ConversationState(offeredChoices: ["b"]),
                    conversation: "c",
                    message: Self.message("m1"),
                    platform: "campus-matrix"
                )
            }
            #expect(try ConcernStore(database: database).list(actor: "test", at: Self.time).isEmpty)
            #expect(try AlertOutbox(database: database).all().isEmpty)
            #expect(try LearningStore(database: database).questions().isEmpty)
            #expect(try ConversationStore(database: database).load("c") == .initial)
            #expect(try PlatformStateStore(database: database).pendingReplies("campus-matrix").isEmpty)
        }
    }

    @Test("a concern query is answered inside the transaction, first among the replies, and audited")
    func queriesAreAnsweredFirst() throws {
        try TemporaryDirectory.with { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let applied = try Self.applier(database).apply(
                [.concernQuery(.list(requester: "matrix:@sam"))],
                replies: [Reply(kind: .notice, text: "after")],
                state: .initial,
                conversation: "c",
                message: Self.message("m1", isDirect: false),
                platform: nil
            )
            #expect(applied.replies.count == 2)
            #expect(applied.replies.first?.text.contains("direct message") == true)
            #expect(applied.replies.last?.text == "after")
            let audit = try ConcernStore(database: database).generalAudit(actor: "test", at: Self.time).map(\.action)
            #expect(audit.contains("access_refused"))
        }
    }
}
