import AssistantCore
import AssistantService
import Foundation
import Logging
import PreventAssistTesting
import Storage
import Testing

/// The learning loop through the real content, engine and store: what reaches the review queue and what never does.
struct LearningEngineTests {
    func message(_ text: String, _ number: Int) -> InboundMessage {
        InboundMessage(
            platform: "matrix",
            conversationID: "!dm",
            isDirect: true,
            senderID: "@sam:x",
            text: text,
            messageID: "m\(number)",
            timestamp: 1_772_704_800 + Int64(number)  // 2026-03-05
        )
    }

    /// Sends `texts` in one conversation; returns the questions kept and the misses counted.
    func run(_ texts: [String]) async throws -> (kept: [MissedQuestion], counted: [String: Int]) {
        let setup = try await SharedAssistant.setup.get()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try AppDatabase(
            file: directory.url.appendingPathComponent(AppDatabase.fileName),
            key: EncryptionKey.generate()
        )
        let engine = ConversationEngine(
            assistant: setup.assistant,
            database: database,
            roles: AccessRoles(),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        for (index, text) in texts.enumerated() { _ = engine.process(message(text, index)) }
        let store = LearningStore(database: database)
        return (try store.questions().map(\.question), try store.unkeptCounts())
    }

    @Test func aDeclinedQuestionAndAnUnhelpfulAnswerAreKept() async throws {
        let (kept, counted) = try await run([
            "how many guest tickets do we get for graduation", "what is channel", "no, that didn't help",
        ])
        #expect(kept.map(\.reason) == [.declined, .unhelpful])
        #expect(kept.map(\.text) == ["how many guest tickets do we get for graduation", "what is channel"])
        #expect(kept.allSatisfy { $0.platform == "matrix" && $0.day == "2026-03-05" })
        #expect(counted.isEmpty)
    }

    @Test func nothingTypedInAConcernFormOrOnTheSafetyScreenIsKept() async throws {
        let (kept, counted) = try await run(
            StoreAccessAcceptanceTests.answers("He asked me where visitors can park their cars") + [
                "someone says they will bomb the library tomorrow",
                "I heard a student threatened to attack the union last week, parking permits?",
            ]
        )
        #expect(kept.isEmpty, "\(kept)")
        #expect(counted.isEmpty)
    }

    @Test func aQuestionAboutOnePersonsCaseIsCountedNotKept() async throws {
        let (kept, counted) = try await run([
            "One of my students told me yesterday she has been sharing odd videos, what do I do with the graduation tickets"
        ])
        #expect(kept.isEmpty, "\(kept)")
        #expect(counted == ["individual_case": 1])
    }
}
