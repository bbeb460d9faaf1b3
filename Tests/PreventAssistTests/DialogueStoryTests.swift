import AssistantCore
import AssistantEvaluation
import AssistantService
import Foundation
import KnowledgeLoader
import PreventAssistTesting
import Testing

/// Runs every dialogue story in `Resources/stories` through the whole conversation path, as
/// `prevent-assist eval --stories` does: each story must pass.
struct DialogueStoryTests {
    static let directory = Repository.root.appendingPathComponent("Tests/PreventAssistTests/Resources/stories")

    @Test func thereAreAtLeastEightyStories() throws {
        #expect(try StoryFileParser().load(directory: Self.directory).count >= 80)
    }

    @Test func everyStoryPasses() async throws {
        let setup = try await SharedAssistant.setup.get()
        let stories = try StoryFileParser().load(directory: Self.directory)
        let results = StoryRunner(assistant: setup.assistant).run(stories)
        for result in results where !result.passed {
            let details = result.failures.joined(separator: "\n")
            Issue.record("\(result.file): \(result.story)\n\(details)")
        }
        #expect(results.count == stories.count)
    }

    @Test func aFailingExpectationIsReported() async throws {
        let setup = try await SharedAssistant.setup.get()
        let story = try StoryFileParser().parse(
            """
            story: wrong on purpose
            turns:
              - user: what is channel
                route: emergency
            """,
            file: "wrong.yaml"
        )
        let result = StoryRunner(assistant: setup.assistant).run(story)
        #expect(!result.passed)
        #expect(result.failures.first?.contains("route answer, expected emergency") == true)
    }
}
