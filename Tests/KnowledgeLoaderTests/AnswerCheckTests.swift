import AssistantCore
import Foundation
import KnowledgeLoader
import PreventAssistTesting
import Testing

/// Answer checks in an article's front matter, run through a real matcher; and the coverage table.
struct AnswerCheckTests {
    static func checks(_ entries: [(String, [String])]) -> String {
        "checks:\n"
            + entries.map { question, words in
                "  - ask: \"\(question)\"\n    expect: [\(words.map { "\"\($0)\"" }.joined(separator: ", "))]\n"
            }.joined()
    }

    /// The fixture, with `alpha_topic`'s front matter carrying `checks`, answered by the nearest-example matcher.
    func run(_ checks: String) throws -> AnswerCheckRunner.Result {
        try TemporaryDirectory.with { directory in
            try KnowledgeFixture.write(into: directory)
            let sources = """
                sources:
                  - title: A source
                    url: https://www.gov.uk/example
                    date: 2024-01-01
                \(checks)
                """
            try directory.write(
                KnowledgeFixture.article(
                    id: "alpha_topic",
                    body:
                        "No — do this first, then ask the lead.\n\n## Why\nBecause the reasons say so.\n\n## Read more\n- A",
                    sources: sources
                ),
                to: "knowledge/alpha_topic.md"
            )
            let loaded = KnowledgeDirectory(root: directory.url).load()
            let knowledge = loaded.knowledgeBase
            let assistant = Assistant(
                knowledge: knowledge,
                matcher: NearestExampleMatcher(examples: knowledge.trainingExamples),
                institution: InstitutionProfile()
            )
            let alpha = loaded.reviews.filter { $0.value.articleID == "alpha_topic" }
            return AnswerCheckRunner(assistant: assistant).run(alpha)
        }
    }

    @Test func passingChecksReachTheArticleAndFindTheWords() throws {
        let result = try run(
            Self.checks([("alpha question number 3", ["No", "do this first"]), ("alpha question number 5", ["lead"])])
        )
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.passed == 2)
        #expect(result.total == 2)
    }

    @Test func aWordOnlyInTheReasonsOrInsideAnotherWordFails() throws {
        let result = try run(
            Self.checks([("alpha question number 3", ["Because"]), ("alpha question number 4", ["the l"])])
        )
        #expect(result.passed == 0)
        #expect(result.problems.count == 2)
        #expect(result.problems.allSatisfy { $0.rule == .answerCheck })
        #expect(result.problems.first?.message.contains("lacks \"Because\"") == true)
    }

    @Test func aQuestionThatReachesAnotherArticleFails() throws {
        let result = try run(Self.checks([("beta question number 2", ["No"]), ("alpha question number 2", ["No"])]))
        #expect(result.passed == 1)
        #expect(result.problems.first?.message.contains("reached 'beta_topic'") == true)
    }

    @Test func fewerThanTwoChecksIsAProblem() throws {
        let result = try run(Self.checks([("alpha question number 3", ["No"])]))
        #expect(result.problems.contains { $0.message.contains("has 1 answer checks") })
    }

    @Test func coverageCountsOpeningsFormsAndRoles() {
        let intent = Intent(
            id: "topic",
            examples: [
                "what do i do",
                "what is it",
                "as a porter i saw a student who was shouting about the war in halls late last night and now i am not sure what to do",
                "will the librarian be told",
            ],
            answer: .article("topic")
        )
        let coverage = ExampleCoverage(intent)
        #expect(coverage.examples == 4)
        #expect(coverage.openingWords == 3)
        #expect(coverage.forms == [.terse, .long, .question, .situation, .past, .future])
        #expect(coverage.roles == ["porter", "librarian"])
    }
}
