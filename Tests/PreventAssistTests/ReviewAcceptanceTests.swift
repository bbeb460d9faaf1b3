import AssistantCore
import Foundation
import PreventAssistTesting
import Testing

/// The learning loop end to end through the binary (issue #21): piped `chat` asks 10 questions the shipped content
/// cannot answer, in 3 themes; `review list` shows 3 clusters; `accept` puts one into an intent of a temporary copy
/// of the content; `kb check` passes; the retrained model (cached by content) now answers those questions, and
/// `eval --replay` counts them.
@Suite(.timeLimit(.minutes(10)))
struct ReviewAcceptanceTests {
    static let themes: [(name: String, questions: [String])] = [
        (
            "graduation",
            [
                "how many guest tickets do we get for graduation", "when is the graduation ceremony this year",
                "can I get extra tickets for the graduation ceremony", "where do students collect graduation gowns",
            ]
        ),
        (
            "library",
            [
                "what time does the library open", "is the library open at the weekend",
                "library opening hours over the holidays",
            ]
        ),
        (
            "printing",
            [
                "how do I top up my printing credit", "where can I print documents on campus",
                "how much does printing cost per page",
            ]
        ),
    ]

    /// The intent the graduation cluster is accepted into.
    static let intent = "human_handover"

    static func copyContent(to directory: TemporaryDirectory) throws -> URL {
        let kb = directory.url.appendingPathComponent("kb")
        try FileManager.default.createDirectory(at: kb, withIntermediateDirectories: true)
        // The top-level folders are links to the content target's: copy what they point to, not the links.
        for folder in ["intents", "knowledge"] {
            try FileManager.default.copyItem(
                at: Repository.root.appendingPathComponent(folder).resolvingSymlinksInPath(),
                to: kb.appendingPathComponent(folder)
            )
        }
        return kb
    }

    func ask(_ question: String, kb: URL) async throws -> [String: Any] {
        let result = try await CommandRunner.run(
            ["ask", "--json", "--kb", kb.path, question],
            environment: ["PREVENT_ASSIST_LOG_LEVEL": "error"]
        )
        #expect(result.status == 0, "\(result.error)")
        return try #require(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    }

    @Test func missesClusterAreAcceptedAndThenAnswered() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let kb = try Self.copyContent(to: directory)
            let data = directory.url.appendingPathComponent("data")
            let config = try HostRoles.config(in: directory.url)
            let questions = Self.themes.flatMap(\.questions)
            #expect(questions.count == 10)
            let quiet = ["PREVENT_ASSIST_LOG_LEVEL": "error"]
            let chat = try await CommandRunner.run(
                ["chat", "--user", "sam", "--data", data.path, "--kb", kb.path, "--config", config.path],
                input: questions.joined(separator: "\n") + "\nquit\n",
                environment: quiet
            )
            #expect(chat.status == 0, "\(chat.error)")
            let review = ["--data", data.path, "--config", config.path, "--kb", kb.path]
            let list = try await CommandRunner.run(["review", "list"] + review, environment: quiet)
            print("review list:\n\(list.output)")
            #expect(list.status == 0, "\(list.error)")
            #expect(list.output.hasPrefix("3 clusters of 3 or more; 10 open kept questions"), "\(list.output)")
            let line = try #require(
                list.output.split(separator: "\n").first { $0.hasPrefix("C") && $0.contains("4 questions") }
            )
            let cluster = String(line.prefix { $0 != ":" })
            let show = try await CommandRunner.run(["review", "show", cluster] + review, environment: quiet)
            for question in Self.themes[0].questions { #expect(show.output.contains(question), "\(show.output)") }
            let before = try await CommandRunner.run(["eval", "--replay", "--data", data.path, "--kb", kb.path])
            print("eval --replay before: \(before.output)")
            #expect(before.output.contains("replay: 0 of 10"), "\(before.output)")

            let accept = try await CommandRunner.run(
                ["review", "accept", cluster, "--intent", Self.intent] + review,
                environment: quiet
            )
            print("review accept:\n\(accept.output)")
            #expect(accept.status == 0, "\(accept.error)")
            #expect(accept.output.contains("4 example(s) added"))
            let check = try await CommandRunner.run(["kb", "check", "--kb", kb.path, "--today", "2026-11-29"])
            #expect(check.status == 0, "\(check.output)")
            #expect(check.output.contains("no problems"))

            for question in Self.themes[0].questions {
                let answer = try await ask(question, kb: kb)
                #expect(answer["route"] as? String == "answer", "\(question): \(answer)")
                #expect(answer["intent"] as? String == Self.intent, "\(question): \(answer)")
            }
            let after = try await CommandRunner.run(["eval", "--replay", "--data", data.path, "--kb", kb.path])
            print("eval --replay after: \(after.output)")
            let answered = try #require(
                after.output.firstMatch(of: /replay: (\d+) of 10/).flatMap { Int($0.output.1) },
                "\(after.output)"
            )
            #expect(answered >= 4, "\(after.output)")
            #expect(after.output.contains("now answered by \(Self.intent)"), "\(after.output)")
            let history = try await CommandRunner.run(["review", "history"] + review, environment: quiet)
            #expect(
                history.output.contains(
                    "\(HostRoles.identity) accepted \(cluster) into \(Self.intent) (4 question(s))"
                ),
                "\(history.output)"
            )
            let relisted = try await CommandRunner.run(["review", "list"] + review, environment: quiet)
            #expect(relisted.output.hasPrefix("2 clusters of 3 or more; 6 open kept questions"), "\(relisted.output)")
        }
    }

    @Test func reviewNeedsARole() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let data = directory.url.appendingPathComponent("data")
            let nobody = try directory.write("roles:\n  safeguarding_leads: [\"console:lead\"]\n", to: "none.yaml")
            let refused = try await CommandRunner.run(["review", "list", "--data", data.path, "--config", nobody.path])
            #expect(refused.status != 0)
            #expect(refused.error.contains("\(HostRoles.identity) may not review"))
        }
    }
}
