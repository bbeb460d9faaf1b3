import AssistantCore
import CurlHTTP
import Platforms
import PreventAssistTesting

/// The Telegram adapter against ``TelegramStub``, for the shared conformance suite.
struct TelegramStubHarness: PlatformConformanceHarness {
    let stub: TelegramStub
    let memory = InMemoryPlatformMemory()

    var name: String { "telegram (contract stub)" }
    var messageLimit: Int { 4096 }
    var groupConversation: String { String(TelegramStub.group) }
    var directConversation: String { String(TelegramStub.person) }

    func makePlatform() async throws -> any ChatPlatform {
        try Self.platform(stub, memory: memory)
    }

    /// An adapter for the stub's bot; `settings` override the defaults.
    static func platform(
        _ stub: TelegramStub,
        memory: InMemoryPlatformMemory = InMemoryPlatformMemory(),
        settings: [String: String] = [:],
        clock: UnixClock = .system
    ) throws -> TelegramPlatform {
        let defaults = ["api_base": stub.baseURL, "token_env": "TELEGRAM_TOKEN", "poll_timeout_seconds": "1"]
        return try TelegramPlatform(
            account: PlatformAccount(
                kind: "telegram",
                id: "stub",
                settings: defaults.merging(settings) { _, override in override }
            ),
            environment: ["TELEGRAM_TOKEN": TelegramStub.token],
            transport: CurlTransport(),
            memory: memory,
            clock: clock
        )
    }

    @discardableResult
    func postAsPerson(_ text: String, in conversation: String) async throws -> String {
        stub.postAsPerson(text, in: try chat(conversation))
    }

    func postAsBot(_ text: String, in conversation: String) async throws {
        stub.postAsBot(text, in: try chat(conversation))
    }

    func visibleBotMessages(in conversation: String) async throws -> [String] {
        stub.botMessages(in: try chat(conversation)).map(\.visible)
    }

    private func chat(_ conversation: String) throws -> Int64 {
        guard let chat = Int64(conversation) else { throw HarnessError(conversation: conversation) }
        return chat
    }

    struct HarnessError: Error {
        let conversation: String
    }
}
