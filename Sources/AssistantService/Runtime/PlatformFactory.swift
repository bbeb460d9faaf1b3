public import AssistantCore
public import CurlHTTP
public import Foundation
public import Platforms
public import Storage

/// Builds the adapter for each configured platform account.
public enum PlatformFactory {
    /// The platform kinds `platforms:` may name.
    public static let supportedKinds = ["matrix", "telegram", "zulip", "mattermost", "slack", "teams"]

    /// The adapter for `account`, or a ``PlatformError`` saying why it cannot be built. What it remembers is stored
    /// with the time from `clock`.
    public static func make(
        _ account: PlatformAccount,
        database: AppDatabase,
        transport: any HTTPTransport,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: RuntimeClock = .live
    ) throws(PlatformError) -> any ChatPlatform {
        let memory = StoredPlatformMemory(
            store: PlatformStateStore(database: database),
            platform: account.id,
            now: clock.now
        )
        switch account.kind {
        case "matrix":
            return try MatrixPlatform(account: account, environment: environment, transport: transport, memory: memory)
        case "telegram":
            return try TelegramPlatform(
                account: account,
                environment: environment,
                transport: transport,
                memory: memory
            )
        case "zulip":
            return try ZulipPlatform(account: account, environment: environment, transport: transport, memory: memory)
        case "mattermost":
            return try MattermostPlatform(
                account: account,
                environment: environment,
                transport: transport,
                memory: memory
            )
        case "slack":
            return try SlackPlatform(account: account, environment: environment, transport: transport, memory: memory)
        case "teams":
            return try TeamsPlatform(account: account, environment: environment, transport: transport, memory: memory)
        default:
            throw PlatformError(
                .fatal,
                "platform \(account.id): unknown kind '\(account.kind)' (supported: \(supportedKinds.joined(separator: ", ")))"
            )
        }
    }
}
