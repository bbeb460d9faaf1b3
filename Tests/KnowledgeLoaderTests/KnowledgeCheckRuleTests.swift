import AssistantCore
import Foundation
import KnowledgeLoader
import PreventAssistTesting
import Testing

/// Every `kb check` rule, each with a fixture on disk broken in exactly that way.
struct KnowledgeCheckRuleTests {
    let today = CalendarDate(year: 2026, month: 11, day: 29)

    func problems(_ breakIt: (TemporaryDirectory) throws -> Void) throws -> [KnowledgeProblem] {
        let day = try #require(today)
        return try TemporaryDirectory.with { directory in
            try KnowledgeFixture.write(into: directory)
            try breakIt(directory)
            return KnowledgeDirectory(root: directory.url).load().check(today: day)
        }
    }

    func rules(_ breakIt: (TemporaryDirectory) throws -> Void) throws -> [KnowledgeProblem.Rule] {
        try problems(breakIt).map(\.rule)
    }

    @Test func duplicateIntentID() throws {
        let found = try problems { directory in
            try directory.write(
                "intents:\n  - id: alpha_topic\n    article: alpha_topic\n    examples: [\(KnowledgeFixture.examples("dup").map { "\"\($0)\"" }.joined(separator: ", "))]\n",
                to: "intents/more.yaml"
            )
        }
        #expect(found.map(\.rule) == [.duplicateID])
        #expect(found.first?.message.contains("also defined at intents/") == true)
    }

    @Test func duplicateArticleIDAndFileNameMismatch() throws {
        let found = try rules { directory in
            try directory.write(KnowledgeFixture.article(id: "alpha_topic"), to: "knowledge/alpha_copy.md")
        }
        #expect(found.contains(.duplicateID))
        #expect(found.contains(.invalidID))
    }

    @Test func intentPointsAtMissingArticle() throws {
        let found = try problems { directory in
            try directory.write(
                KnowledgeFixture.intentsYAML(alphaArticle: "no_such_article"),
                to: "intents/topics.yaml"
            )
        }
        #expect(found.map(\.rule).contains(.missingArticle))
        #expect(found.map(\.rule).contains(.unreachableArticle))  // alpha_topic.md is now reached by nothing
    }

    @Test func articleNoIntentReaches() throws {
        let found = try problems { directory in
            try directory.write(KnowledgeFixture.article(id: "orphan"), to: "knowledge/orphan.md")
        }
        #expect(found.map(\.rule) == [.unreachableArticle])
        #expect(found.first?.location?.file == "knowledge/orphan.md")
    }

    @Test func tooFewExamples() throws {
        let found = try problems { directory in
            try directory.write(
                KnowledgeFixture.intentsYAML(alphaExamples: KnowledgeFixture.examples("alpha", count: 11)),
                to: "intents/topics.yaml"
            )
        }
        #expect(found.map(\.rule) == [.tooFewExamples])
        #expect(found.first?.message.contains("has 11 examples") == true)
    }

    @Test func sameExampleUnderTwoIntents() throws {
        var beta = KnowledgeFixture.examples("beta")
        beta[3] = "  Alpha question NUMBER 2 "  // same text as an alpha example once case and spacing are ignored
        let found = try problems { directory in
            try directory.write(KnowledgeFixture.intentsYAML(betaExamples: beta), to: "intents/topics.yaml")
        }
        #expect(found.map(\.rule) == [.duplicateExample])
        #expect(found.first?.message.contains("'alpha_topic'") == true)
    }

    @Test func missingSources() throws {
        let found = try rules { directory in
            try directory.write(
                KnowledgeFixture.article(id: "beta_topic", sources: "sources: []"),
                to: "knowledge/beta_topic.md"
            )
        }
        #expect(found == [.missingSources])
    }

    @Test func reviewDueInThePast() throws {
        let found = try problems { directory in
            try directory.write(
                KnowledgeFixture.article(id: "beta_topic", reviewDue: "2026-11-28"),
                to: "knowledge/beta_topic.md"
            )
        }
        #expect(found.map(\.rule) == [.reviewOverdue])
        #expect(found.first?.message.contains("2026-11-28") == true)
    }

    @Test func placeholderNotInTheConfigurationSchema() throws {
        let found = try problems { directory in
            let body = "Ask {{institution.dean_of_students}} or {{institution.prevent_lead}}.\n\n## Read more\n- x"
            try directory.write(KnowledgeFixture.article(id: "beta_topic", body: body), to: "knowledge/beta_topic.md")
        }
        #expect(found.map(\.rule) == [.unknownPlaceholder])
        #expect(found.first?.message.contains("institution.dean_of_students") == true)
    }

    @Test func brokenFollowUp() throws {
        let found = try problems { directory in
            try directory.write(
                KnowledgeFixture.intentsYAML(alphaFollowUps: ["beta_topic", "gamma_topic"]),
                to: "intents/topics.yaml"
            )
        }
        #expect(found.map(\.rule) == [.brokenFollowUp])
        #expect(found.first?.message.contains("gamma_topic") == true)
    }

    @Test func unknownAudience() throws {
        let found = try rules { directory in
            try directory.write(
                KnowledgeFixture.article(id: "beta_topic", audience: "[everyone]"),
                to: "knowledge/beta_topic.md"
            )
        }
        #expect(found == [.unknownVocabulary])
    }

    @Test func missingSafetyRules() throws {
        let found = try rules { directory in
            try FileManager.default.removeItem(at: directory.url.appendingPathComponent("intents/safety.yaml"))
        }
        #expect(found.contains(.missingSafetyRules))
    }

    @Test func everyProblemIsListedNotJustTheFirst() throws {
        let found = try rules { directory in
            try directory.write(
                KnowledgeFixture.article(id: "orphan", sources: "sources: []"),
                to: "knowledge/orphan.md"
            )
            try directory.write(
                KnowledgeFixture.article(id: "beta_topic", reviewDue: "2020-01-01"),
                to: "knowledge/beta_topic.md"
            )
            try directory.write("intents: [", to: "intents/zz.yaml")
        }
        #expect(Set(found) == [.unreachableArticle, .missingSources, .reviewOverdue, .malformedFile])
    }
}
