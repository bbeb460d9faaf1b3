import AssistantCore
import Foundation
import KnowledgeLoader
import PreventAssistTesting
import Testing

/// A malformed file gives an error naming the file, the line and what is wrong; loading never crashes and goes on
/// with the other files.
struct LoaderErrorTests {
    func load(_ setUp: (TemporaryDirectory) throws -> Void) throws -> LoadedKnowledge {
        try TemporaryDirectory.with { directory in
            try KnowledgeFixture.write(into: directory)
            try setUp(directory)
            return KnowledgeDirectory(root: directory.url).load()
        }
    }

    @Test func validFixtureLoadsWithoutProblems() throws {
        let loaded = try load { _ in }
        #expect(loaded.loadProblems.isEmpty)
        #expect(loaded.intents.count == 5)
        #expect(loaded.articles.count == 3)
        #expect(loaded.safety?.value.rules.count == 1)
        #expect(loaded.check(today: try #require(CalendarDate(iso: "2026-11-29"))).isEmpty)
    }

    @Test func yamlSyntaxErrorNamesFileAndLine() throws {
        let loaded = try load { directory in
            try directory.write("intents:\n  - id: x\n    examples: [a, b\n  - id: y\n", to: "intents/broken.yaml")
        }
        let problem = try #require(loaded.loadProblems.first)
        #expect(problem.rule == .malformedFile)
        #expect(problem.location?.file == "intents/broken.yaml")
        #expect(problem.location?.line == 4)
        #expect(problem.message.contains("YAML syntax error"))
        #expect(loaded.intents.count == 5)  // the good file still loaded
    }

    @Test func unknownKeyIsAnErrorWithItsLine() throws {
        let loaded = try load { directory in
            try directory.write(
                "intents:\n  - id: gamma\n    article: alpha_topic\n    exmples: [a]\n",
                to: "intents/typo.yaml"
            )
        }
        let problem = try #require(loaded.loadProblems.first)
        #expect(problem.location == SourceLocation(file: "intents/typo.yaml", line: 4))
        #expect(problem.message.contains("unknown key 'exmples'"))
    }

    @Test func missingKeyAndWrongTypeAreNamed() throws {
        let loaded = try load { directory in
            try directory.write("intents:\n  - id: gamma\n    article: alpha_topic\n", to: "intents/a.yaml")
            try directory.write(
                "intents:\n  - id: delta\n    article: [x, y]\n    examples: [a]\n",
                to: "intents/b.yaml"
            )
        }
        let messages = loaded.loadProblems.map(\.description)
        #expect(
            messages.contains { $0.hasPrefix("intents/a.yaml:2:") && $0.contains("missing required key 'examples'") }
        )
        #expect(messages.contains { $0.hasPrefix("intents/b.yaml:3:") && $0.contains("must be a single value") })
    }

    @Test func articleWithoutFrontMatter() throws {
        let loaded = try load { directory in
            try directory.write("Just text\n", to: "knowledge/plain.md")
            try directory.write("---\nid: open\ntitle: x\n", to: "knowledge/open.md")
        }
        let messages = loaded.loadProblems.map(\.description)
        #expect(messages.contains { $0.hasPrefix("knowledge/plain.md:1:") && $0.contains("front matter") })
        #expect(messages.contains { $0.hasPrefix("knowledge/open.md:1:") && $0.contains("not closed") })
    }

    @Test func badDateInFrontMatterPointsAtItsLine() throws {
        let loaded = try load { directory in
            let text = KnowledgeFixture.article(id: "gamma", reviewDue: "next year")
            try directory.write(text, to: "knowledge/gamma.md")
        }
        let problem = try #require(loaded.loadProblems.first)
        #expect(problem.location?.file == "knowledge/gamma.md")
        #expect(problem.location?.line == 11)
        #expect(problem.message.contains("YYYY-MM-DD"))
    }

    @Test func invalidUTF8IsReportedNotCrashed() throws {
        let loaded = try load { directory in
            try Data([0x69, 0x6E, 0x74, 0xFF, 0xFE, 0x0A]).write(
                to: directory.url.appendingPathComponent("intents/bin.yaml")
            )
        }
        #expect(loaded.loadProblems.map(\.message) == ["is not valid UTF-8 text"])
    }

    @Test func emptyFileAndNonMappingTopLevel() throws {
        let loaded = try load { directory in
            try directory.write("", to: "intents/empty.yaml")
            try directory.write("- just\n- a list\n", to: "intents/list.yaml")
        }
        let messages = loaded.loadProblems.map(\.description)
        #expect(messages.contains { $0.contains("intents/empty.yaml") && $0.contains("empty") })
        #expect(messages.contains { $0.contains("intents/list.yaml:1") && $0.contains("mapping") })
    }

    @Test func missingDirectoriesAreProblemsNotCrashes() throws {
        try TemporaryDirectory.with { directory in
            let loaded = KnowledgeDirectory(root: directory.url).load()
            #expect(loaded.loadProblems.count == 2)
            #expect(loaded.intents.isEmpty)
        }
    }
}
