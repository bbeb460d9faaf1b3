import Foundation
import Logging
import PreventAssistTesting
import RelayServer
import Testing

/// Finding 4 of issue #15 (relay side): a configuration mistake is an error naming the key, never a silent default
/// or a crash on the first webhook.
struct RelayConfigurationStrictTests {
    static let environment = ["RELAY_BOT_TOKEN": "t", "HOOK_TOKEN": "aG9vaw==", "SLACK_SECRET": "s"]

    static func parse(_ text: String) throws -> RelaySettings {
        try RelayConfigurationFile.parse(text, environment: environment, relativeTo: URL(fileURLWithPath: "/tmp"))
    }

    /// A valid file with `line` (top-level) added.
    static func with(_ line: String, listen: String = "127.0.0.1:8080") -> String {
        """
        listen: \(listen)
        data_dir: relay-data
        bot_token_env: RELAY_BOT_TOKEN
        \(line)
        sources:
          slack:
            signing_secret_env: SLACK_SECRET

        """
    }

    static func expectProblem(_ text: String, mentioning words: [String]) {
        #expect(
            performing: { try Self.parse(text) },
            throws: { error in
                let message = "\(error)"
                return words.allSatisfy { message.contains($0) }
            }
        )
    }

    @Test func anUnknownKeyIsAnErrorSuggestingTheNearestKnownOne() {
        Self.expectProblem(Self.with("retention_hour: 5"), mentioning: ["retention_hour", "retention_hours"])
    }

    @Test func anUnknownKeyInASourceIsAnErrorSuggestingTheNearestKnownOne() {
        let text = """
            listen: 127.0.0.1:8080
            data_dir: relay-data
            bot_token_env: RELAY_BOT_TOKEN
            sources:
              slack:
                signing_secret: SLACK_SECRET
                signing_secret_env: SLACK_SECRET

            """
        Self.expectProblem(text, mentioning: ["sources.slack.signing_secret", "signing_secret_env"])
    }

    @Test(arguments: ["18090", "\":18090\"", "127.0.0.1", "127.0.0.1:70000", "127.0.0.1:-1", "127.0.0.1:http"])
    func aListenAddressWithoutAValidHostAndPortIsAnError(_ listen: String) {
        Self.expectProblem(Self.with("", listen: listen), mentioning: ["listen"])
    }

    @Test func anEmptySourceSectionIsAnErrorNotTheSourceTurnedOff() {
        let text = """
            listen: 127.0.0.1:8080
            data_dir: relay-data
            bot_token_env: RELAY_BOT_TOKEN
            sources:
              slack:

            """
        Self.expectProblem(text, mentioning: ["sources.slack"])
    }

    @Test(arguments: ["-5", "0", "1e300", ".nan", "nan", ".inf", "\"24\"", "[24]", "100000"])
    func retentionHoursOutsideItsRangeIsRefused(_ value: String) {
        Self.expectProblem(Self.with("retention_hours: \(value)"), mentioning: ["retention_hours"])
    }

    @Test(arguments: [".nan", "-1", "5", "1e300", "-.inf", "soon"])
    func teamsHoldSecondsOutsideItsRangeIsRefused(_ value: String) {
        Self.expectProblem(
            Self.with("teams_webhook_hold_seconds: \(value)"),
            mentioning: ["teams_webhook_hold_seconds"]
        )
    }

    @Test func valuesInsideTheirRangesAreRead() throws {
        let settings = try Self.parse(Self.with("retention_hours: 48\nteams_webhook_hold_seconds: 0"))
        #expect(settings.retentionSeconds == 48 * 3600)
        #expect(settings.holdSeconds == 0)
        let listening = try Self.parse(Self.with("", listen: "\"[::1]:18090\""))
        #expect(listening.host == "::1" && listening.port == 18090)
    }

    @Test func aWrongTypeIsAnError() {
        Self.expectProblem(Self.with("teams_webhook_holding_text: [a, b]"), mentioning: ["teams_webhook_holding_text"])
        Self.expectProblem(Self.with("", listen: "[a, b]"), mentioning: ["listen"])
    }

    @Test func aDataDirectoryOpenToGroupOrOthersIsRefused() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let open = temporary.url.appendingPathComponent("relay")
        try FileManager.default.createDirectory(at: open, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: open.path)
        #expect(throws: (any Error).self) {
            try RelayServer(
                settings: RelaySettings(dataDirectory: open, botToken: "t"),
                logger: Logger(label: "relay-test") { _ in SwiftLogNoOpLogHandler() }
            )
        }
    }

    @Test func everyProblemIsReportedAtOnceWithItsLine() {
        let text = """
            listen: 18090
            data_dir: relay-data
            bot_token_env: RELAY_BOT_TOKEN
            retention_hour: 5
            retention_hours: 1e300
            teams_webhook_hold_seconds: .nan
            sources:
              slack:
              teams_webhook:
                security_token_env: UNSET_VARIABLE

            """
        #expect(
            performing: { try Self.parse(text) },
            throws: { error in
                guard let problems = (error as? ConfigurationProblems)?.problems else { return false }
                return problems.map(\.line) == [1, 4, 5, 6, 8, 10]
                    && problems[1].message.contains("did you mean retention_hours?")
                    && problems[5].message.contains("UNSET_VARIABLE")
            }
        )
    }

}
