import AssistantCore
import AssistantService
import Foundation
import PreventAssistTesting
import Storage
import Testing

/// Housekeeping purges questions kept for review after `learning.keep_days`, by the time it is given.
struct LearningHousekeepingTests {
    static let day: Int64 = 86_400

    static func question(_ text: String) -> MissedQuestion {
        MissedQuestion(text: text, reason: .declined, route: "decline", candidates: [], platform: "console", day: "")
    }

    @Test func keptQuestionsGoAfterKeepDaysAndNotBefore() throws {
        try TemporaryDirectory.with { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let now: Int64 = 400 * Self.day
            let store = LearningStore(database: database)
            try store.keep(Self.question("thirty-one days old"), at: now - 31 * Self.day)
            try store.keep(Self.question("twenty-nine days old"), at: now - 29 * Self.day)
            let thirty = Housekeeping(
                database: database,
                draftExpiryHours: 24,
                learning: LearningSettings(keepDays: 30)
            )
            #expect(try thirty.run(at: now).keptQuestions == 1)
            #expect(try store.questions().map(\.question.text) == ["twenty-nine days old"])
            #expect(try thirty.run(at: now).keptQuestions == 0)
            let byDefault = Housekeeping(database: database, draftExpiryHours: 24)
            #expect(try byDefault.run(at: now + 60 * Self.day).keptQuestions == 0)
            #expect(try byDefault.run(at: now + 62 * Self.day).keptQuestions == 1)
        }
    }
}
