import AssistantCore
import AssistantService
import CurlHTTP
import Foundation
import KnowledgeLoader
import Logging
import Platforms
import PreventAssistTesting
import Storage

/// The assistant answering on Matrix in this process: the repository's knowledge, a fresh data directory, a bot
/// user of its own, and a ``PlatformRunner`` polling Synapse.
final class BotHarness: Sendable {
    let bot: (id: String, password: String, token: String)
    let directory: TemporaryDirectory
    let database: AppDatabase
    let runner: PlatformRunner
    let platform: MatrixPlatform
    private let task: Task<Void, Never>

    /// - Parameters:
    ///   - baseURL, server: another homeserver than the shared one (its URL and `synapse.sh` directory).
    init(roles: AccessRoles = AccessRoles(), baseURL: String? = nil, server: String? = nil) async throws {
        bot = try await SynapseFixture.user("bot", on: server)
        try await SynapseFixture.unlimit(bot.id, on: server)
        directory = try TemporaryDirectory()
        database = try AppDatabase(file: directory.url.appendingPathComponent(AppDatabase.fileName), key: .generate())
        let setup = try await SharedAssistant.setup.get()
        var logger = Logger(label: "test") { label -> any LogHandler in
            if ProcessInfo.processInfo.environment["PA_TEST_LOG"] == nil { return SwiftLogNoOpLogHandler() }
            return StreamLogHandler.standardError(label: label)
        }
        logger.logLevel = .debug
        let engine = ConversationEngine(assistant: setup.assistant, database: database, roles: roles, logger: logger)
        let account = PlatformAccount(
            kind: "matrix",
            id: "test-matrix",
            settings: [
                "homeserver": baseURL ?? SynapseFixture.baseURL ?? "", "user_id": bot.id,
                "password_env": "BOT_PASSWORD",
                "poll_timeout_ms": "2000",
            ]
        )
        guard
            let platform = try PlatformFactory.make(
                account,
                database: database,
                transport: CurlTransport(),
                environment: ["BOT_PASSWORD": bot.password]
            ) as? MatrixPlatform
        else { throw FixtureError("not a Matrix platform") }
        self.platform = platform
        let runner = PlatformRunner(
            platform: platform,
            engine: engine,
            logger: logger,
            backoff: Backoff(base: 0.1, cap: 1)
        )
        self.runner = runner
        task = Task { try? await runner.run() }
        // Wait for the first (cold-start) poll, so messages sent from now on are answered.
        let deadline = Date().addingTimeInterval(20)
        while try PlatformStateStore(database: database).cursor("test-matrix") == nil, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    func stop() async {
        task.cancel()
        _ = await task.value
        directory.remove()
    }
}
