import Foundation
import PreventAssistTesting
import Testing

/// `prevent-assist serve --check`: each account signed in once, its state printed, no secret shown.
/// (The time limit includes waiting for the one shared model training on a cold machine: 45–55 s on 2 busy cores.)
@Suite(.timeLimit(.minutes(3)))
struct ServeCheckTests {
    @Test func readyAndRefusedAccountsAreReportedAndTheExitStatusSaysWhetherAllAreReady() async throws {
        let telegram = try TelegramStub()
        let mattermost = try MattermostStubServer()
        defer {
            telegram.stop()
            mattermost.server.stop()
        }
        try await TemporaryDirectory.asyncWith { directory in
            let config = try directory.write(
                """
                data_dir: \(directory.url.appendingPathComponent("data").path)
                platforms:
                  - kind: telegram
                    id: campus-telegram
                    token_env: TELEGRAM_TOKEN
                    api_base: \(telegram.baseURL)
                  - kind: mattermost
                    id: campus-mattermost
                    server: \(mattermost.server.baseURL)
                    token_env: MM_TOKEN
                """,
                to: "prevent-assist.yaml"
            )
            let arguments = ["serve", "--check", "--config", config.path]
            let wrongToken = "mm-wrong-token-\(UUID().uuidString)"
            let refused = try await ServeProcess.run(
                arguments,
                environment: ["TELEGRAM_TOKEN": TelegramStub.token, "MM_TOKEN": wrongToken]
            )
            #expect(refused.status == 1)
            #expect(refused.output.contains("✓ campus-telegram (telegram): ready"))
            #expect(refused.output.contains("privacy mode"), "Telegram's start-up warning is shown")
            #expect(refused.output.contains("✗ campus-mattermost (mattermost): "))
            for secret in [wrongToken, TelegramStub.token] {
                #expect(!refused.output.contains(secret) && !refused.error.contains(secret))
            }
            #expect(telegram.server.requests.allSatisfy { !$0.path.contains("getUpdates") }, "a check never polls")

            let ready = try await ServeProcess.run(
                arguments,
                environment: ["TELEGRAM_TOKEN": TelegramStub.token, "MM_TOKEN": MattermostStubServer.token]
            )
            #expect(ready.status == 0, "\(ready.output) \(ready.error)")
            #expect(ready.output.contains("✓ campus-mattermost (mattermost): ready"))
        }
    }
}
