import AssistantCore
import CurlHTTP
import Platforms

/// Every polling adapter, built against one loopback server that plays all of its endpoints (for Slack and Teams,
/// the relay's and the platform API's): for tests that need the same fault sent to each adapter.
enum LoopbackAdapter: String, CaseIterable, Sendable, CustomStringConvertible {
    case telegram, zulip, mattermost, matrix, slack, teams

    var description: String { rawValue }

    static let secret = "s3cret"

    /// A cursor each adapter accepts as "already started": the next poll asks the server for new events.
    var warmCursor: String {
        switch self {
        case .telegram: "10"
        case .zulip: #"{"m":1,"q":"q1","e":-1}"#
        case .mattermost: #"{"t":1795944000000,"c":{}}"#
        case .matrix: "s1"
        case .slack, .teams: "1"
        }
    }

    /// The adapter, talking to `baseURL` with a short long-poll.
    func make(_ baseURL: String, memory: InMemoryPlatformMemory = InMemoryPlatformMemory()) throws -> any ChatPlatform {
        let environment = ["SECRET": Self.secret]
        let transport = CurlTransport()
        switch self {
        case .telegram:
            return try TelegramPlatform(
                account: account(["api_base": baseURL, "token_env": "SECRET", "poll_timeout_seconds": "1"]),
                environment: environment,
                transport: transport,
                memory: memory
            )
        case .zulip:
            return try ZulipPlatform(
                account: account(["site": baseURL + "/", "email": "bot@zulip.test", "api_key_env": "SECRET"]),
                environment: environment,
                transport: transport,
                memory: memory
            )
        case .mattermost:
            return try MattermostPlatform(
                account: account([
                    "server": baseURL, "token_env": "SECRET", "channels": "c", "poll_interval_seconds": "0.05",
                ]),
                environment: environment,
                transport: transport,
                memory: memory
            )
        case .matrix:
            return try MatrixPlatform(
                account: account(["homeserver": baseURL, "user_id": "@bot:x", "access_token_env": "SECRET"]),
                environment: environment,
                transport: transport,
                memory: memory
            )
        case .slack:
            return try SlackPlatform(
                account: account([
                    "relay_url": baseURL, "relay_token_env": "SECRET", "bot_token_env": "SECRET",
                    "api_base": baseURL, "poll_timeout_seconds": "1",
                ]),
                environment: environment,
                transport: transport,
                memory: memory
            )
        case .teams:
            return try TeamsPlatform(
                account: account(["relay_url": baseURL, "relay_token_env": "SECRET", "poll_timeout_seconds": "1"]),
                environment: environment,
                transport: transport,
                memory: memory
            )
        }
    }

    private func account(_ settings: [String: String]) -> PlatformAccount {
        PlatformAccount(kind: rawValue, id: "\(rawValue)-stub", settings: settings)
    }
}
