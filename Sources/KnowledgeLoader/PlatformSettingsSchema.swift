/// The settings each platform kind accepts under `platforms:`, with their types and ranges: the main configuration
/// refuses unknown keys (suggesting the nearest known one), wrong types and values out of range, so a misspelt
/// `invite_allow` is an error rather than an open invite list.
///
/// | kind | settings (required in bold) | ranges |
/// |---|---|---|
/// | matrix | **homeserver**, **user_id**, access_token_env or password_env, invite_allow, poll_timeout_ms | poll_timeout_ms 0…600000 |
/// | telegram | **token_env**, api_base, poll_timeout_seconds | 0…600 |
/// | zulip | **site**, **email**, **api_key_env**, catch_up_limit | catch_up_limit 1…5000 |
/// | mattermost | **server**, **token_env**, channels, team_id, poll_interval_seconds | 0…60 (decimals allowed) |
/// | slack | **relay_url**, **relay_token_env**, **bot_token_env**, api_base, poll_timeout_seconds | 0…600 |
/// | teams | **relay_url**, **relay_token_env**, app_id, app_password_env, tenant_id, token_base, followup_url_env, poll_timeout_seconds | 0…600 |
public enum PlatformSettingsSchema {
    /// What one setting holds.
    public enum Value: Sendable, Hashable {
        /// Free text (a URL, an id, a list written as one string).
        case text
        /// The name of an environment variable (letters, digits, `_`; not starting with a digit).
        case variableName
        /// A whole number in the range.
        case integer(ClosedRange<Int>)
        /// A number, decimals allowed, in the range.
        case decimal(ClosedRange<Double>)
    }

    /// One setting of a platform kind.
    public struct Setting: Sendable, Hashable {
        public let value: Value
        public let required: Bool
    }

    /// The platform kinds `platforms:` may name.
    public static let kinds = ["matrix", "telegram", "zulip", "mattermost", "slack", "teams"]

    /// The settings of `kind` (besides `kind` and `id`); `nil` for an unknown kind.
    public static func settings(of kind: String) -> [String: Setting]? {
        let pollSeconds = Setting(value: .integer(0...600), required: false)
        switch kind {
        case "matrix":
            return [
                "homeserver": .init(value: .text, required: true), "user_id": .init(value: .text, required: true),
                "access_token_env": .init(value: .variableName, required: false),
                "password_env": .init(value: .variableName, required: false),
                "invite_allow": .init(value: .text, required: false),
                "poll_timeout_ms": .init(value: .integer(0...600_000), required: false),
            ]
        case "telegram":
            return [
                "token_env": .init(value: .variableName, required: true),
                "api_base": .init(value: .text, required: false),
                "poll_timeout_seconds": pollSeconds,
            ]
        case "zulip":
            return [
                "site": .init(value: .text, required: true), "email": .init(value: .text, required: true),
                "api_key_env": .init(value: .variableName, required: true),
                "catch_up_limit": .init(value: .integer(1...5_000), required: false),
            ]
        case "mattermost":
            return [
                "server": .init(value: .text, required: true), "token_env": .init(value: .variableName, required: true),
                "channels": .init(value: .text, required: false), "team_id": .init(value: .text, required: false),
                "poll_interval_seconds": .init(value: .decimal(0...60), required: false),
            ]
        case "slack":
            return [
                "relay_url": .init(value: .text, required: true),
                "relay_token_env": .init(value: .variableName, required: true),
                "bot_token_env": .init(value: .variableName, required: true),
                "api_base": .init(value: .text, required: false), "poll_timeout_seconds": pollSeconds,
            ]
        case "teams":
            return [
                "relay_url": .init(value: .text, required: true),
                "relay_token_env": .init(value: .variableName, required: true),
                "app_id": .init(value: .text, required: false),
                "app_password_env": .init(value: .variableName, required: false),
                "tenant_id": .init(value: .text, required: false), "token_base": .init(value: .text, required: false),
                "followup_url_env": .init(value: .variableName, required: false),
                "poll_timeout_seconds": pollSeconds,
            ]
        default:
            return nil
        }
    }

    /// Why `text` is not a valid value for a setting of this type; `nil` when it is.
    static func problem(with text: String, _ value: Value) -> String? {
        switch value {
        case .text:
            return nil
        case .variableName:
            let valid =
                text.first.map { !$0.isNumber } ?? false
                && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            return valid ? nil : "must name an environment variable (letters, digits and _), not '\(text)'"
        case .integer(let range):
            guard let number = Int(text), range.contains(number) else {
                return "must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'"
            }
            return nil
        case .decimal(let range):
            guard let number = Double(text), number.isFinite, range.contains(number) else {
                return "must be a number from \(range.lowerBound) to \(range.upperBound), not '\(text)'"
            }
            return nil
        }
    }
}
