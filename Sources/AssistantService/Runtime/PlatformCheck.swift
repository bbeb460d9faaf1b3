public import AssistantCore
public import CurlHTTP
import Platforms
public import Storage

/// `serve --check`: builds every configured platform account and starts it (which signs in and reads the bot's own
/// identity), without polling or answering, so an administrator learns of a wrong token or URL before the service
/// runs. Accounts are checked one after another; one failing does not stop the others' checks.
public enum PlatformCheck {
    /// One account's outcome.
    public struct Result: Sendable {
        public let account: PlatformAccount
        /// The platform's start-up warnings (e.g. Telegram privacy mode), when it is ready.
        public let warnings: [String]
        /// Why it is not ready (configuration, secret or credentials), or nil.
        public let failure: String?

        public var isReady: Bool { failure == nil }
    }

    public static func run(
        _ accounts: [PlatformAccount],
        database: AppDatabase,
        transport: any HTTPTransport,
        environment: [String: String]
    ) async -> [Result] {
        var results: [Result] = []
        for account in accounts {
            do {
                let platform = try PlatformFactory.make(
                    account,
                    database: database,
                    transport: transport,
                    environment: environment
                )
                let warnings = try await platform.start()
                results.append(Result(account: account, warnings: warnings, failure: nil))
            } catch {
                results.append(Result(account: account, warnings: [], failure: error.message))
            }
        }
        return results
    }
}
