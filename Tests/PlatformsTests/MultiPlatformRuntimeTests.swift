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
            try await waitFor("the first polls") { runners.allSatisfy { (try? store.cursor($0.platform.id)) != nil } }

            for harness in harnesses {
                try await harness.postAsPerson("what is channel?", in: harness.directConversation)
            }
            try await waitFor("an answer on each platform") {
                await allAnswered(harnesses, containing: "Channel", count: 1)
            }

            telegram.stub.stop()
            let survivors: [any PlatformConformanceHarness] = [zulip, mattermost]
            for harness in survivors {
                try await harness.postAsPerson("what is the prevent duty?", in: harness.directConversation)
            }
            try await waitFor("answers on the live platforms") {
                await allAnswered(survivors, containing: "Prevent", count: 2)
            }
            #expect(runners.dropFirst().allSatisfy { $0.currentStatus == .polling })
            // The runner whose server died retries with backoff (its status alternates with short polling attempts).
            let dead = runners[0]
            try await waitFor("the dead platform backing off") {
                if case .backingOff = dead.currentStatus { return true }
                return false
            }
        }
    }
}
