import Foundation
import PreventAssistTesting
import Testing

/// `prevent-assist-relay`, the relay's own executable for the DMZ host, and `prevent-assist relay`, its alias in the
/// bot's binary: the same options and the same answers, and none of the bot's concern store inside the relay.
@Suite(.timeLimit(.minutes(2)))
struct RelayExecutableTests {
    /// The built `prevent-assist-relay`, beside `prevent-assist`.
    static var relayBinary: URL {
        Repository.binary.deletingLastPathComponent().appendingPathComponent("prevent-assist-relay")
    }

    /// A relay configuration whose only problem, when `broken`, is an unknown key on line 3.
    static func configuration(in directory: TemporaryDirectory, broken: Bool) throws -> String {
        try directory.write(
            """
            listen: 127.0.0.1:18080
            data_dir: ./relay-data
            \(broken ? "retention_hour: 24" : "retention_hours: 24")
            bot_token_env: RELAY_TEST_BOT_TOKEN
            sources:
              slack:
                signing_secret_env: RELAY_TEST_SLACK_SECRET
            """,
            to: "relay.yaml"
        )
        return directory.url.appendingPathComponent("relay.yaml").path
    }

    static let environment = ["RELAY_TEST_BOT_TOKEN": "token", "RELAY_TEST_SLACK_SECRET": "secret"]

    @Test func theRelayExecutableChecksAGoodConfigurationAsTheAliasDoes() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let file = try Self.configuration(in: directory, broken: false)
            let own = try await CommandRunner.run(
                ["--check", "--config", file],
                environment: Self.environment,
                executable: Self.relayBinary
            )
            let alias = try await CommandRunner.run(
                ["relay", "--check", "--config", file],
                environment: Self.environment
            )
            #expect(own.status == 0, "\(own.output)\(own.error)")
            #expect(own.output == "\(file): ok (listen 127.0.0.1:18080)\n")
            #expect(alias.status == own.status)
            #expect(alias.output == own.output)
        }
    }

    @Test func theRelayExecutableReportsEveryProblemWithItsLineAsTheAliasDoes() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let file = try Self.configuration(in: directory, broken: true)
            let own = try await CommandRunner.run(
                ["--check", "--config", file],
                environment: Self.environment,
                executable: Self.relayBinary
            )
            let alias = try await CommandRunner.run(
                ["relay", "--check", "--config", file],
                environment: Self.environment
            )
            #expect(own.status == 1)
            #expect(own.error.contains("\(file):3: error: unknown key retention_hour"), "\(own.error)")
            #expect(alias.status == own.status)
            #expect(alias.error == own.error)
        }
    }

    @Test func theRelayExecutableHasTheProductsVersionAndItsOwnName() async throws {
        let own = try await CommandRunner.run(["--version"], executable: Self.relayBinary)
        let bot = try await CommandRunner.run(["--version"])
        #expect(own.status == 0)
        #expect(!own.output.isEmpty)
        #expect(own.output == bot.output)
        let help = try await CommandRunner.run(["--help"], executable: Self.relayBinary)
        #expect(help.output.contains("USAGE: prevent-assist-relay"), "\(help.output)")
    }

    /// The DMZ host carries none of the bot: the relay binary holds the relay's code (its module's mangled name) and
    /// no code of the assistant's core, service or concern store.
    @Test func theRelayExecutableLinksNoneOfTheBot() throws {
        let binary = try Data(contentsOf: Self.relayBinary)
        #expect(binary.range(of: Data("11RelayServer".utf8)) != nil)
        for module in ["13AssistantCore", "16AssistantService", "7Storage12ConcernStore", "15KnowledgeLoader"] {
            #expect(binary.range(of: Data(module.utf8)) == nil, "the relay binary contains \(module)")
        }
    }
}
