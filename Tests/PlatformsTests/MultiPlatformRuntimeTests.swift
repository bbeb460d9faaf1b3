import AssistantCore
import AssistantService
import Foundation
import Logging
import Platforms
import PreventAssistTesting
import Storage
import Testing

/// Several platforms served at once, as `serve` does with one runner per account: each answers, and one platform's
/// server dying stops no other.
@Suite(.timeLimit(.minutes(3)))
struct MultiPlatformRuntimeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func telegramZulipAndMattermostAnswerAtOnceAndOneDeadServerStopsNoOther() async throws {
        let telegram = TelegramStubHarness(stub: try TelegramStub())
        let zulip = ZulipConformanceHarness(stub: try ZulipStubServer())
        let mattermost = MattermostConformanceHarness(stub: try MattermostStubServer())
        let harnesses: [any PlatformConformanceHarness] = [telegram, zulip, mattermost]
        try await TemporaryDirectory.asyncWith { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let setup = try AssistantSetup.load(knowledgeRoot: Self.root, configurationFile: nil, matcher: .baseline)
            let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
            let engine = ConversationEngine(
                assistant: setup.assistant,
                database: database,
                roles: AccessRoles(),
                logger: logger
            )
            var built: [PlatformRunner] = []
            for harness in harnesses {
                built.append(
                    PlatformRunner(
                        platform: try await harness.makePlatform(),
                        engine: engine,
                        logger: logger,
                        backoff: Backoff(base: 0.05, cap: 0.5)
                    )
                )
            }
            let runners = built
            let tasks = runners.map { runner in Task { try await runner.run() } }
            defer { for task in tasks { task.cancel() } }
            let store = PlatformStateStore(database: database)
            try await Self.wait { runners.allSatisfy { (try? store.cursor($0.platform.id)) != nil } }

            for harness in harnesses {
                try await harness.postAsPerson("what is channel?", in: harness.directConversation)
            }
            try await Self.wait {
                await Self.answered(harnesses, containing: "Channel", count: 1)
            }

            telegram.stub.stop()
            let survivors: [any PlatformConformanceHarness] = [zulip, mattermost]
            for harness in survivors {
                try await harness.postAsPerson("what is the prevent duty?", in: harness.directConversation)
            }
            try await Self.wait { await Self.answered(survivors, containing: "Prevent", count: 2) }
            #expect(runners.dropFirst().allSatisfy { $0.currentStatus == .polling })
            // The runner whose server died retries with backoff (its status alternates with short polling attempts).
            let dead = runners[0]
            try await Self.wait {
                if case .backingOff = dead.currentStatus { return true }
                return false
            }
        }
    }

    /// Whether every harness's direct conversation shows `count` bot messages and the last contains `text`.
    static func answered(
        _ harnesses: [any PlatformConformanceHarness],
        containing text: String,
        count: Int
    ) async
        -> Bool
    {
        for harness in harnesses {
            let messages = (try? await harness.visibleBotMessages(in: harness.directConversation)) ?? []
            guard messages.count >= count, messages.last?.contains(text) == true else { return false }
        }
        return true
    }

    static func wait(until done: @Sendable () async -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(90)
        while await !done(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        let finished = await done()
        try #require(finished, "timed out")
    }
}
