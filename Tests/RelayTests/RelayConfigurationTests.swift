import Foundation
import RelayServer
import Testing

/// `relay.yaml`: a source the bot would never read from is refused with the reason, not accepted and left to pile up.
struct RelayConfigurationTests {
    static let base = """
        listen: 127.0.0.1:8080
        data_dir: relay-data
        bot_token_env: RELAY_BOT_TOKEN

        """
    static let environment = ["RELAY_BOT_TOKEN": "t", "HOOK_TOKEN": "h", "SLACK_SECRET": "s"]

    static func parse(_ sources: String) throws -> RelaySettings {
        try RelayConfigurationFile.parse(
            base + sources,
            environment: environment,
            relativeTo: URL(fileURLWithPath: "/tmp")
        )
    }

    @Test(arguments: ["mattermost", "zulip"])
    func mattermostAndZulipAreRefusedBecauseTheBotPollsThemDirectly(_ source: String) {
        #expect {
            try Self.parse("sources:\n  \(source):\n    token_env: HOOK_TOKEN\n")
        } throws: { error in
            let text = "\(error)"
            return text.contains("sources.\(source)") && text.contains("polls") && text.contains("kind: \(source)")
        }
    }

    @Test func anUnknownSourceIsRefusedNamingTheKnownOnes() {
        #expect {
            try Self.parse("sources:\n  slak:\n    signing_secret_env: SLACK_SECRET\n")
        } throws: { error in
            "\(error)".contains("sources.slak") && "\(error)".contains("slack, teams_webhook, bot_framework")
        }
    }

    @Test func aKnownSourceIsRead() throws {
        let settings = try Self.parse("sources:\n  slack:\n    signing_secret_env: SLACK_SECRET\n")
        #expect(settings.slackSigningSecret == "s")
    }

    @Test func theShippedExampleParses() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("relay.example.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        var environment: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            // Base64, as the Teams webhook's security token must be.
            if parts.count == 2, parts[0].hasSuffix("_env") {
                environment[parts[1]] = Data("secret-\(parts[1])".utf8).base64EncodedString()
            }
        }
        let settings = try RelayConfigurationFile.parse(text, environment: environment, relativeTo: file)
        #expect(settings.slackSigningSecret != nil && settings.teamsWebhookToken != nil)
    }
}
