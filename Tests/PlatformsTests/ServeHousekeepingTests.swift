import AssistantCore
import Foundation
import PreventAssistTesting
import Storage
import Testing

/// What `prevent-assist serve` tidies while it runs, seen from its data directory.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ServeHousekeepingTests {
    @Test func serveForgetsUnfinishedFormsOlderThanTheDraftExpiry() async throws {
        let telegram = try TelegramStub()
        defer { telegram.stop() }
        try await TemporaryDirectory.asyncWith { directory in
            let data = directory.url.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            let key = EncryptionKey.generate()
            let database = try AppDatabase(file: data.appendingPathComponent(AppDatabase.fileName), key: key)
            let conversations = ConversationStore(database: database)
            var draft = ConversationState(
                form: FormSession(formID: "raise_concern", reporterID: "telegram:42", firstSlot: "what_happened")
            )
            draft.form?.answers["what_happened"] = .text("an unfinished concern")
            let now = Int64(Date().timeIntervalSince1970)
            try conversations.save(draft, for: "campus-telegram:42", at: now - 25 * 3_600)
            try conversations.save(draft, for: "campus-telegram:43", at: now - 3_600)

            let config = try directory.write(
                """
                data_dir: \(data.path)
                drafts:
                  expire_after_hours: 24
                platforms:
                  - kind: telegram
                    id: campus-telegram
                    token_env: TELEGRAM_TOKEN
                    api_base: \(telegram.baseURL)
                    poll_timeout_seconds: 1
                """,
                to: "prevent-assist.yaml"
            )
            let server = try await ServeProcess.start(
                config: config,
                environment: ["TELEGRAM_TOKEN": TelegramStub.token, "PREVENT_ASSIST_KEY": key.base64]
            )
            defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }

            try await waitFor("the expired draft to go") {
                (try? conversations.load("campus-telegram:42")) == .initial
            }
            #expect(try conversations.load("campus-telegram:43") == draft)
            #expect(server.isRunning)
            server.terminate()
            await server.exited()
            #expect(server.terminationStatus == 0)
        }
    }
}
