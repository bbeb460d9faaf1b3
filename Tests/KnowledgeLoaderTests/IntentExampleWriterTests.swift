import AssistantCore
import Foundation
import KnowledgeLoader
import PreventAssistTesting
import Testing

/// `review accept` writes kept questions into an intent's YAML as a plain, reviewable edit: the file keeps its
/// layout, the loader reads the new examples under the right intent, awkward text stays one quoted scalar, and
/// examples any intent already has are left out.
struct IntentExampleWriterTests {
    static let today = CalendarDate(unixSeconds: 1_795_944_000)  // 2026-11-29

    @Test func acceptedExamplesLoadUnderTheIntentAndTheCheckStillPasses() throws {
        try TemporaryDirectory.with { directory in
            try KnowledgeFixture.write(into: directory)
            let before = KnowledgeDirectory(root: directory.url).load()
            #expect(before.check(today: Self.today).isEmpty)
            let original = try String(
                contentsOf: directory.url.appendingPathComponent("intents/topics.yaml"),
                encoding: .utf8
            )
            let awkward = [
                "can I email [email] about: a \"speaker\"?", "- starts with a dash # and a hash",
                "[name] said \\ backslash", "alpha question number 1",
            ]
            let change = try IntentExampleWriter(root: directory.url).append(awkward, to: "beta_topic")
            #expect(change.added == Array(awkward.prefix(3)))
            let after = KnowledgeDirectory(root: directory.url).load()
            #expect(after.loadProblems.isEmpty)
            #expect(after.check(today: Self.today).isEmpty)
            let beta = try #require(after.intents.first { $0.value.id == "beta_topic" })
            #expect(beta.value.examples.suffix(3) == Array(awkward.prefix(3)))
            let alpha = try #require(after.intents.first { $0.value.id == "alpha_topic" })
            #expect(alpha.value.examples == KnowledgeFixture.examples("alpha"))
            let text = try String(contentsOf: change.file, encoding: .utf8)
            let lines = text.components(separatedBy: "\n")
            let new = lines.filter { !original.contains($0) }
            #expect(new.count == 3)
            #expect(new.allSatisfy { $0.hasPrefix("      - \"") })
            #expect(lines.filter { original.contains($0) } == original.components(separatedBy: "\n"))
            try IntentExampleWriter.revert(change)
            #expect(try String(contentsOf: change.file, encoding: .utf8) == original)
        }
    }

    @Test func anUnknownIntentOrAnInlineListIsRefused() throws {
        try TemporaryDirectory.with { directory in
            try KnowledgeFixture.write(into: directory)
            #expect(throws: KnowledgeLoadError.self) {
                try IntentExampleWriter(root: directory.url).append(["a question"], to: "no_such_intent")
            }
            try directory.write(
                "intents:\n  - id: inline_topic\n    article: alpha_topic\n    examples: [one, two]\n",
                to: "intents/inline.yaml"
            )
            #expect(throws: KnowledgeLoadError.self) {
                try IntentExampleWriter(root: directory.url).append(["a question"], to: "inline_topic")
            }
        }
    }
}
