import AssistantCore
import AssistantService
import CurlHTTP
import Foundation
import Logging
import Platforms
import PreventAssistTesting
import Storage

/// The real runtime (``PlatformFactory`` → ``PlatformRunner`` → ``ConversationEngine``) around a relay-backed adapter.
struct BotRunner {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let database: AppDatabase
    let account: PlatformAccount
    let environment: [String: String]

    /// One key for every bot in this test process: a bot made again in the same directory (a restart) opens the
    /// same store, which refuses any other key.
    static let key = EncryptionKey.generate()

    init(directory: TemporaryDirectory, account: PlatformAccount, environment: [String: String]) throws {
        database = try AppDatabase(file: directory.url.appendingPathComponent("bot.sqlite"), key: Self.key)
        self.account = account
        self.environment = environment
    }

    var cursor: String? { try? PlatformStateStore(database: database).cursor(account.id) }

    /// Marks the relay's position as already reached (a bot that ran before), so nothing queued is skipped.
    func resume(from cursor: String) throws {
        try PlatformStateStore(database: database).saveCursor(cursor, for: account.id, at: 0)
    }

    /// Runs the bot until `done` holds (or 80 s), then stops it.
    func run(
        until done: @escaping @Sendable () -> Bool,
        whileRunning: @Sendable () async throws -> Void = {}
    )
        async throws
    {
        let database = database
        let account = account
        let environment = environment
        // The bot runs off the cooperative pool, as its own process would (``ServerExecutor``).
        let task = Task(executorPreference: ServerExecutor.shared) {
            let setup = try AssistantSetup.load(knowledgeRoot: Self.root, configurationFile: nil, matcher: .baseline)
            let logger = Logger(label: "bot") { _ in SwiftLogNoOpLogHandler() }
            let engine = ConversationEngine(
                assistant: setup.assistant,
                database: database,
                roles: AccessRoles(),
                logger: logger
            )
            let platform = try PlatformFactory.make(
                account,
                database: database,
                transport: CurlTransport(),
                environment: environment
            )
            let runner = PlatformRunner(
                platform: platform,
                engine: engine,
                logger: logger,
                backoff: Backoff(base: 0.05, cap: 0.2)
            )
            try await runner.run()
        }
        defer { task.cancel() }
        try await whileRunning()
        let deadline = ContinuousClock.now + .seconds(80)
        while !done(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        task.cancel()
        _ = try? await task.value
    }

    /// Waits until `condition` holds (or 20 s).
    static func wait(_ condition: @Sendable () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(90)
        while !condition(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
    }
}
