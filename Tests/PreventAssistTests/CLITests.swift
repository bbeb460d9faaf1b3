import Foundation
import PreventAssistTesting
import Testing

/// The `prevent-assist` binary end to end, as staff and administrators run it.
/// (The time limit includes waiting for the one shared model training on a cold machine: 45–55 s on 2 busy cores.)
@Suite(.timeLimit(.minutes(3)))
struct CLITests {
    func askJSON(_ question: String) async throws -> [String: Any] {
        let result = try await CommandRunner.run(["ask", "--json", question])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 1, "ask --json must print exactly one JSON object on one line")
        return try #require(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    }

    @Test func askJSONHasTheDocumentedShape() async throws {
        let object = try await askJSON("what is channel")
        #expect(
            Set(object.keys) == ["intent", "confidence", "route", "answer", "article", "alternatives", "follow_ups"]
        )
        #expect(object["route"] as? String == "answer")
        #expect(object["intent"] as? String == "what_is_channel")
        #expect(object["article"] as? String == "what_is_channel")
        let confidence = try #require(object["confidence"] as? Double)
        #expect((0...1).contains(confidence))
        #expect((object["answer"] as? String)?.contains("Channel") == true)
        let alternatives = try #require(object["alternatives"] as? [[String: Any]])
        #expect(alternatives.allSatisfy { $0["intent"] is String && $0["confidence"] is Double })
        let followUps = try #require(object["follow_ups"] as? [[String: Any]])
        #expect(!followUps.isEmpty)
        #expect(followUps.allSatisfy { ($0["intent"] as? String) != nil && ($0["title"] as? String)?.isEmpty == false })
    }

    @Test func bombThreatIsImmediateDanger() async throws {
        let object = try await askJSON("someone says they will bomb the library tomorrow")
        #expect(object["intent"] as? String == "immediate_danger")
        #expect(object["route"] as? String == "emergency")
        #expect(object["confidence"] is Double)
        #expect((object["answer"] as? String)?.contains("999") == true)
    }

    @Test("every confidence in ask --json is written as a decimal number, even a certain 1 from the safety screen")
    func confidencesAreDecimalNumbers() async throws {
        for question in ["someone says they will bomb the library tomorrow", "what is channel", "hello"] {
            let result = try await CommandRunner.run(["ask", "--json", question])
            let literals = result.output.matches(of: /"confidence":([^,}\]]+)/).map { String($0.output.1) }
            #expect(!literals.isEmpty, "\(result.output)")
            for literal in literals {
                #expect(Double(literal) != nil && literal.contains("."), "\(question): confidence \(literal)")
            }
        }
    }

    @Test func wifiPasswordIsDeclinedWithAHelpfulFallback() async throws {
        let object = try await askJSON("what's the wifi password")
        #expect(object["intent"] as? String == "out_of_scope")
        #expect(object["article"] is NSNull)
        let answer = try #require(object["answer"] as? String)
        #expect(answer.contains("can't answer"))
        #expect(answer.contains("IT service desk"))
        #expect(answer.contains("999"))
        #expect(object["route"] as? String == "decline")
    }

    @Test func pipedChatAnswersEachLineAndExitsCleanly() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let data = directory.url.appendingPathComponent("data")
            let result = try await CommandRunner.run(
                ["chat", "--user", "sam", "--data", data.path],
                input: "hello\nwhat is prevent\nthanks\n"
            )
            #expect(result.status == 0, "\(result.error)")
            let replies = result.output.components(separatedBy: "bot> ").dropFirst()
            #expect(replies.count == 3)
            #expect(replies.first?.contains("Hello sam.") == true)
            #expect(replies.dropFirst().first?.contains("What is Prevent?") == true)
            #expect(replies.last?.contains("welcome") == true)
            let attributes = try FileManager.default.attributesOfItem(atPath: data.path)
            #expect(attributes[.posixPermissions] as? Int == 0o700)
        }
    }

    @Test func chatUsesTheInstitutionConfiguration() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let config = try directory.write(
                "institution:\n  name: Example University\n  prevent_lead: Dr Ada Example\n",
                to: "prevent-assist.yaml"
            )
            let result = try await CommandRunner.run(
                ["chat", "--config", config.path, "--data", directory.url.appendingPathComponent("d").path],
                input: "can i speak to a real person\n"
            )
            #expect(result.output.contains("Dr Ada Example"), "\(result.output)")
        }
    }

    @Test func kbCheckPassesOnShippedContentAndFailsOnABrokenCopy() async throws {
        let good = try await CommandRunner.run(["kb", "check", "--today", "2026-11-29"])
        #expect(good.status == 0, "\(good.output)")
        #expect(good.output.contains("no problems"))
        try await TemporaryDirectory.asyncWith { directory in
            try KnowledgeFixture.write(into: directory)
            try directory.write(
                KnowledgeFixture.article(id: "orphan", sources: "sources: []"),
                to: "knowledge/orphan.md"
            )
            try directory.write("intents: [", to: "intents/zz.yaml")
            let bad = try await CommandRunner.run(["kb", "check", "--kb", directory.url.path, "--today", "2026-11-29"])
            #expect(bad.status == 1)
            #expect(bad.output.contains("[unreachable-article]"))
            #expect(bad.output.contains("[missing-sources]"))
            #expect(bad.output.contains("intents/zz.yaml:2: [malformed-file] YAML syntax error"))
            #expect(bad.output.contains("3 problems"))
        }
    }

    @Test func aBrokenFileIsLoggedByNameAndTheRestStillAnswers() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            try KnowledgeFixture.write(into: directory)
            try directory.write("intents: [", to: "intents/zz.yaml")
            let result = try await CommandRunner.run(["ask", "alpha question number 3", "--kb", directory.url.path])
            #expect(result.status == 0)
            #expect(result.output.contains("A title"))
            #expect(result.error.contains("files=intents/zz.yaml"))
            #expect(result.error.contains("kb check"))
        }
    }

    @Test func versionAndHelp() async throws {
        let version = try await CommandRunner.run(["--version"])
        #expect(version.status == 0)
        #expect(version.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        for command in ["chat", "ask", "eval", "kb"] {
            let help = try await CommandRunner.run([command, "--help"])
            #expect(help.status == 0)
            #expect(help.output.contains("USAGE"))
        }
    }

    @Test func evalPrintsTheFiguresAndJSON() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let file = try directory.write(
                "intent\tquestion\nwhat_is_channel\twhat is the channel programme about\nout_of_scope\tbook a parking space\n",
                to: "q.tsv"
            )
            let text = try await CommandRunner.run(["eval", "--questions", file.path])
            #expect(text.status == 0, "\(text.error)")
            #expect(text.output.contains("in-scope accuracy"))
            #expect(text.output.contains("out-of-scope recall"))
            let json = try await CommandRunner.run(["eval", "--questions", file.path, "--json"])
            let object = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
            #expect(object["in_scope_rows"] as? Int == 1)
            #expect(object["latency_ms"] is [String: Any])
            let broken = try directory.write("intent,question\n", to: "bad.tsv")
            let failure = try await CommandRunner.run(["eval", "--questions", broken.path])
            #expect(failure.status != 0)
            #expect(failure.error.contains("bad.tsv:1"))
        }
    }
}
