import AssistantCore
import Foundation
import GRDB
import PreventAssistTesting
import Storage
import Testing

/// The review queue in the store: kept questions sealed, unkept misses counted, decisions recorded with who and when,
/// and the retention purge by time (injected, never the clock).
struct LearningStoreTests {
    let t0: Int64 = 1_795_944_000  // 2026-11-29
    static let day: Int64 = 86_400

    static func question(_ text: String, day: String = "2026-11-29") -> MissedQuestion {
        MissedQuestion(
            text: text,
            reason: .declined,
            route: "decline",
            candidates: [.init(intent: "what_is_channel", score: 0.2)],
            platform: "matrix",
            day: day
        )
    }

    @Test func keptQuestionsAreSealedOnDiskAndReadBackWhole() throws {
        let fixture = try StoreFixture()
        let store = LearningStore(database: fixture.database)
        let id = try store.keep(Self.question("where do visitors park their cars"), at: t0)
        let kept = try #require(try store.questions().first)
        #expect(kept.id == id)
        #expect(kept.question == Self.question("where do visitors park their cars"))
        let raw = try DatabaseQueue(path: fixture.file.path).read { db in
            try Data.fetchOne(db, sql: "SELECT question_sealed FROM learning_questions")
        }
        let bytes = try #require(raw)
        #expect(bytes.range(of: Data("visitors park".utf8)) == nil)
    }

    @Test func theRetentionPurgeRemovesOnlyWhatIsOlderThanTheCutoff() throws {
        let fixture = try StoreFixture()
        let store = LearningStore(database: fixture.database)
        try store.keep(Self.question("old one", day: "2026-08-01"), at: t0 - 100 * Self.day)
        try store.keep(Self.question("recent one"), at: t0 - 10 * Self.day)
        let removed = try store.purge(before: t0 - 90 * Self.day)
        #expect(removed == 1)
        #expect(try store.questions().map(\.question.text) == ["recent one"])
        #expect(try store.purge(before: t0 - 90 * Self.day) == 0)
        try store.purge(before: t0)
        let next = try store.keep(Self.question("after the purge"), at: t0)
        #expect(next == 3)  // numbers are never reused: decisions name them
    }

    @Test func anUnkeptMissIsACountWithNoText() throws {
        let fixture = try StoreFixture()
        let miss = UnkeptMiss(why: .individualCase, platform: "matrix", day: "2026-11-29")
        let store = LearningStore(database: fixture.database)
        try store.count(miss)
        try store.count(miss)
        _ = try store.keep(Self.question("parking"), at: t0)
        #expect(try store.unkeptCounts() == ["individual_case": 2])
        #expect(try store.questions().count == 1)
    }

    @Test func decisionsAreRecordedWithWhoAndWhenAndHideTheQuestions() throws {
        let fixture = try StoreFixture()
        let store = LearningStore(database: fixture.database)
        let first = try store.keep(Self.question("parking one"), at: t0)
        let second = try store.keep(Self.question("parking two"), at: t0)
        try store.decide(
            cluster: "C\(first)",
            questionIDs: [first, second],
            action: "ignored",
            intent: nil,
            actor: "cli:lead",
            at: t0 + 5
        )
        #expect(try store.questions().isEmpty)
        #expect(try store.questions(status: "ignored").count == 2)
        let decision = try #require(try store.decisions().first)
        #expect(decision.actor == "cli:lead")
        #expect(decision.at == t0 + 5)
        #expect(decision.action == "ignored")
        #expect(decision.questionIDs == [first, second])
        #expect(throws: StorageError.self) {
            try store.decide(cluster: "C1", questionIDs: [], action: "deleted", intent: nil, actor: "x", at: t0)
        }
    }

    @Test func keyRotationResealsKeptQuestions() throws {
        let fixture = try StoreFixture()
        try LearningStore(database: fixture.database).keep(Self.question("parking"), at: t0)
        let newKey = EncryptionKey.generate()
        _ = try ConcernStore(database: fixture.database).rotate(to: newKey)
        let reopened = try fixture.reopen(with: newKey)
        #expect(try LearningStore(database: reopened).questions().map(\.question.text) == ["parking"])
    }

    @Test func verifyOpensKeptQuestionsAndNamesAChangedOne() throws {
        let fixture = try StoreFixture()
        let store = LearningStore(database: fixture.database)
        try store.keep(Self.question("first"), at: t0)
        try store.keep(Self.question("second"), at: t0)
        let healthy = try fixture.database.verify()
        #expect(healthy.problems.isEmpty)
        #expect(healthy.sealedValues >= 2)
        let queue = try DatabaseQueue(path: fixture.file.path)
        try queue.write { db in
            try db.execute(
                sql: """
                    UPDATE learning_questions SET question_sealed =
                        (SELECT question_sealed FROM learning_questions WHERE id = 2) WHERE id = 1
                    """
            )
        }
        try queue.close()
        let report = try fixture.database.verify()
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.message.contains("learning question 1") == true, "\(report.problems)")
    }
}
