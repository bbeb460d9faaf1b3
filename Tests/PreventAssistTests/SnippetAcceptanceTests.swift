import Foundation
import PreventAssistTesting
import Storage
import Testing

/// Good-practice snippets end to end through the real binary: share in a piped console conversation, approve on the
/// CLI, find with a paraphrase as another user; personal data caught before storage; signed bundles between two
/// data directories.
@Suite(.timeLimit(.minutes(3)))
struct SnippetAcceptanceTests {
    static let title = "A one-page speaker request checklist for student societies"
    static let share = [
        "I want to share some good practice", title,
        "Societies send every visiting speaker request through a single online form at least two weeks ahead. "
            + "The events team checks it against a short checklist and agrees any conditions with the society. "
            + "Tricky cases go to the Prevent lead.",
        "Requests arrive early, so conditions can be agreed calmly instead of on the day.", "2, 9", "2",
        "the events team", "yes",
    ]

    func chat(_ lines: [String], user: String, data: URL, config: URL) async throws -> CommandRunner.Result {
        try await CommandRunner.run(
            ["chat", "--user", user, "--data", data.path, "--config", config.path],
            input: lines.joined(separator: "\n") + "\n",
            environment: ["PREVENT_ASSIST_LOG_LEVEL": "trace"]
        )
    }

    func snippets(_ arguments: [String], data: URL, config: URL) async throws -> CommandRunner.Result {
        try await CommandRunner.run(
            ["snippets"] + arguments + ["--data", data.path, "--config", config.path],
            environment: ["PREVENT_ASSIST_LOG_LEVEL": "error", "USER": "host-admin"]
        )
    }

    static func config(
        in directory: TemporaryDirectory,
        name: String = "Example University",
        extra: String = ""
    )
        throws -> URL
    {
        try directory.write(
            "institution:\n  name: \(name)\nsnippets:\n  moderators: [\"console:mod\"]\n\(extra)",
            to: "\(name.split(separator: " ").joined())-config.yaml"
        )
    }

    @Test func sharedApprovedAndFoundByAColleagueWithAParaphrase() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let data = directory.url.appendingPathComponent("data")
            let config = try Self.config(in: directory)
            let shared = try await chat(Self.share, user: "sam", data: data, config: config)
            #expect(shared.status == 0, "\(shared.error)")
            #expect(shared.output.contains("saved as GP-0001"), "\(shared.output)")
            #expect(!shared.error.contains("Tricky cases"))  // snippet text never reaches the log
            #expect(shared.error.contains("snippet stored for moderation"))

            let before = try await chat(
                ["find good practice on vetting guest lecturers invited by clubs"],
                user: "alex",
                data: data,
                config: config
            )
            #expect(!before.output.contains(Self.title))  // pending: not searchable yet

            let refused = try await snippets(
                ["approve", "GP-0001", "--as", "console:alex"],
                data: data,
                config: config
            )
            #expect(refused.status != 0)
            #expect(refused.error.contains("not a snippet moderator"))
            let listed = try await snippets(["list"], data: data, config: config)
            #expect(listed.output.contains("GP-0001 pending \"\(Self.title)\" (console:sam)"))
            let approved = try await snippets(["approve", "GP-1", "--as", "console:mod"], data: data, config: config)
            #expect(approved.status == 0, "\(approved.error)")
            #expect(approved.output.contains("Approved GP-0001."))

            let found = try await chat(
                ["find good practice on vetting guest lecturers invited by clubs", "more 1", "yes"],
                user: "alex",
                data: data,
                config: config
            )
            #expect(found.output.contains(Self.title), "\(found.output)")
            #expect(found.output.contains("Was this useful?"))
            #expect(found.output.contains("Thanks"))

            let author = try await chat(["thanks"], user: "sam", data: data, config: config)
            #expect(author.output.contains("GP-0001"))
            #expect(author.output.contains("was approved"))

            let history = try await snippets(["show", "GP-0001"], data: data, config: config)
            #expect(history.output.contains("console:sam submitted"))
            #expect(history.output.contains("console:mod approved"))
        }
    }

    @Test func aModeratorApprovesInChatAndOnlyModeratorsCan() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let data = directory.url.appendingPathComponent("data")
            let config = try Self.config(in: directory)
            #expect(
                try await chat(Self.share, user: "sam", data: data, config: config).output.contains("saved as GP-0001")
            )

            let colleague = try await chat(
                ["pending snippets", "approve GP-0001"],
                user: "alex",
                data: data,
                config: config
            )
            #expect(colleague.output.contains("only the configured snippet moderators"))
            #expect(!colleague.output.contains(Self.title), "a pending snippet is not shown to others")

            let moderator = try await chat(
                ["pending snippets", "show GP-0001", "approve GP-0001"],
                user: "mod",
                data: data,
                config: config
            )
            #expect(moderator.status == 0, "\(moderator.error)")
            #expect(moderator.output.contains("GP-0001 \"\(Self.title)\""), "\(moderator.output)")
            #expect(moderator.output.contains("Approved GP-0001: it is now searchable"))

            let found = try await chat(
                ["find good practice on vetting guest lecturers invited by clubs"],
                user: "alex",
                data: data,
                config: config
            )
            #expect(found.output.contains(Self.title))
            let author = try await chat(["hello"], user: "sam", data: data, config: config)
            #expect(author.output.contains("was approved"))
        }
    }

    @Test func aNameOrEmailIsCaughtAndNothingIsStoredUntilRephrased() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let data = directory.url.appendingPathComponent("data")
            let config = try Self.config(in: directory)
            let first = try await chat(
                ["share good practice", "Briefings run by Sarah Khan", "Staff briefings on Prevent"],
                user: "sam",
                data: data,
                config: config
            )
            #expect(first.output.contains("\"Sarah Khan\" looks like a person's name"), "\(first.output)")
            #expect(first.output.contains("What was done?"))  // the rephrased title was accepted
            #expect(try await snippets(["list"], data: data, config: config).output.contains("No snippets."))

            // A restart keeps the draft; an email in the next answer is caught too.
            let second = try await chat(
                [
                    "New staff get a short Prevent briefing in their first month. Questions go to jo.bloggs@example.ac.uk.",
                    "New staff get a short Prevent briefing in their first month. Questions go to the safeguarding team.",
                    "Everyone hears the same message early.", "training", "1", "skip", "yes",
                ],
                user: "sam",
                data: data,
                config: config
            )
            #expect(second.output.contains("Welcome back"))
            #expect(second.output.contains("looks like an email address"))
            #expect(second.output.contains("saved as GP-0001"), "\(second.output)")
            let show = try await snippets(["show", "GP-0001"], data: data, config: config)
            #expect(show.output.contains("Staff briefings on Prevent"))
            #expect(show.output.contains("the safeguarding team"))
            for file in try FileManager.default.contentsOfDirectory(atPath: data.path) {
                let path = data.appendingPathComponent(file).path
                guard let bytes = FileManager.default.contents(atPath: path) else { continue }
                for secret in ["Sarah Khan", "jo.bloggs@example.ac.uk"] {
                    #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) holds \(secret)")
                }
            }
        }
    }

    @Test func aBundleMovesBetweenDataDirectoriesAndATamperedOrUntrustedOneImportsNothing() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let source = directory.url.appendingPathComponent("source")
            let sourceConfig = try Self.config(in: directory, name: "Exporting University")
            _ = try await chat(Self.share, user: "sam", data: source, config: sourceConfig)
            _ = try await snippets(["approve", "GP-0001", "--as", "console:mod"], data: source, config: sourceConfig)
            let bundle = directory.url.appendingPathComponent("bundle.json")
            let export = try await snippets(["export", "--out", bundle.path], data: source, config: sourceConfig)
            #expect(export.output.contains("Exported 1 snippets from Exporting University"), "\(export.error)")
            let key = try await snippets(["key"], data: source, config: sourceConfig).output
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(Data(base64Encoded: key)?.count == 32)

            let target = directory.url.appendingPathComponent("target")
            let trusting = try Self.config(
                in: directory,
                name: "Importing University",
                extra: "  trusted_institutions:\n    - name: Exporting University\n      public_key: \"\(key)\"\n"
            )
            var bytes = try Data(contentsOf: bundle)
            let position = try #require(bytes.range(of: Data("Tricky".utf8))).lowerBound
            bytes[position] = UInt8(ascii: "X")
            let tampered = try directory.write(String(decoding: bytes, as: UTF8.self), to: "tampered.json")
            let refused = try await snippets(["import", tampered.path], data: target, config: trusting)
            #expect(refused.status != 0)
            #expect(refused.error.contains("signature"), "\(refused.error)")
            #expect(refused.error.contains("Nothing was imported"))
            #expect(try await snippets(["list"], data: target, config: trusting).output.contains("No snippets."))

            let untrusted = try await snippets(
                ["import", bundle.path],
                data: target,
                config: try Self.config(in: directory, name: "Sceptical College")
            )
            #expect(untrusted.status != 0)
            #expect(untrusted.error.contains("not trusted"))
            #expect(try await snippets(["list"], data: target, config: trusting).output.contains("No snippets."))

            let imported = try await snippets(["import", bundle.path], data: target, config: trusting)
            #expect(imported.status == 0, "\(imported.error)")
            #expect(imported.output.contains("Imported 1 snippets from Exporting University"))
            let show = try await snippets(["show", "GP-0001"], data: target, config: trusting)
            #expect(show.output.contains("From: Exporting University"))
            #expect(show.output.contains("pending"))
            let again = try await snippets(["import", bundle.path], data: target, config: trusting)
            #expect(again.output.contains("Imported 0 snippets"))
            #expect(again.output.contains("1 already here"))
        }
    }

    @Test func shippedSnippetsAreSearchableOnAFreshDataDirectory() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let data = directory.url.appendingPathComponent("fresh")
            let config = try Self.config(in: directory)
            let result = try await snippets(
                ["search", "who", "approves", "controversial", "events"],
                data: data,
                config: config
            )
            #expect(result.status == 0, "\(result.error)")
            #expect(result.output.contains("seed-uclan"), "\(result.output)")
        }
    }
}
