import CurlHTTP
import Foundation

/// Classifies a failed Bot API call for the runtime, from `error_code` (or the HTTP status when the body is not the
/// API's) and never from the description's wording. Telegram has no way to log in again, so a refused token is fatal.
enum TelegramAPIError {
    /// The ``PlatformError`` for a response that was not `{"ok": true}`.
    ///
    /// - Parameters:
    ///   - envelope: the body, when it is a JSON object: `{"ok":false,"error_code":N,"description":…,"parameters":…}`.
    ///   - retryAfterHeader: a numeric `Retry-After` header, the fallback wait for 429. Both waits are clamped by
    ///     ``ServerDuration`` (0…3600 s).
    static func classify<Result>(
        status: Int,
        envelope: TelegramWire.Envelope<Result>?,
        retryAfterHeader: Double?,
        method: String,
        account: String
    ) -> PlatformError {
        let code = envelope?.errorCode.flatMap { Int(exactly: $0) } ?? status
        let description = envelope?.description.map { String($0.prefix(200)) } ?? "HTTP \(status)"
        let prefix = "platform \(account): \(method)"
        switch code {
        case 429:
            let seconds = envelope?.parameters?.retryAfter?.seconds ?? retryAfterHeader ?? 5
            return PlatformError(.rateLimited(seconds: seconds), "\(prefix): rate limited (\(description))")
        case 401, 404:
            return PlatformError(
                .fatal,
                "\(prefix): the bot token was refused (\(code) \(description)); check the token in the variable "
                    + "named by token_env, or issue a new one with BotFather /token"
            )
        case 409:
            return PlatformError(
                .fatal,
                "\(prefix): conflict (\(description)): another process is polling with this bot token, or a webhook "
                    + "is set. Stop the other poller, or remove the webhook (deleteWebhook) if this bot should poll"
            )
        case 500...:
            return PlatformError(.transient, "\(prefix): Telegram server error \(code)")
        default:
            var message = "\(prefix): refused (\(code) \(description))"
            if let chat = envelope?.parameters?.migrateToChatID {
                message += "; the group became supergroup \(chat): update the configuration to that chat id"
            }
            return PlatformError(.rejected, message)
        }
    }
}
