/// Classifies a failed Slack Web API call: HTTP 429 (with `Retry-After`) or `ratelimited` waits; refused tokens stop
/// the account; a channel the bot cannot post in is skipped; Slack's 5xx are retried. Pure.
enum SlackAPIError {
    static func classify(
        status: Int,
        error: String?,
        retryAfter: Double?,
        method: String,
        account: String
    )
        -> PlatformError
    {
        let prefix = "platform \(account): \(method)"
        if status == 429 || error == "ratelimited" {
            return PlatformError(.rateLimited(seconds: retryAfter ?? 1), "\(prefix): rate limited")
        }
        if status >= 500 { return PlatformError(.transient, "\(prefix): Slack server error \(status)") }
        switch error {
        case "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive", "missing_scope":
            return PlatformError(
                .fatal,
                "\(prefix): the bot token was refused (\(error ?? "")); check the token in the variable named by "
                    + "bot_token_env and the app's scopes (chat:write, im:write, im:history, channels:history, "
                    + "app_mentions:read)"
            )
        case nil:
            return PlatformError(status == 200 ? .transient : .rejected, "\(prefix): unexpected response (\(status))")
        default:
            return PlatformError(.rejected, "\(prefix): refused (\(error ?? ""))")
        }
    }
}
