public import Foundation
import Yams

/// Reads `relay.yaml` (see `relay.example.yaml`). Secrets are never in the file, only the names of the environment
/// variables holding them (`*_env`); a named variable that is unset is an error, so a typo cannot open an endpoint
/// without its check.
public enum RelayConfigurationFile {
    /// A problem with the file, naming the key.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public static func load(_ file: URL, environment: [String: String]) throws -> RelaySettings {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw Problem(description: "cannot read \(file.path): \(error.localizedDescription)")
        }
        return try parse(text, environment: environment, relativeTo: file.deletingLastPathComponent())
    }

    public static func parse(
        _ text: String,
        environment: [String: String],
        relativeTo base: URL
    ) throws
        -> RelaySettings
    {
        guard let root = try Yams.load(yaml: text) as? [String: Any] else {
            throw Problem(description: "relay.yaml must be a mapping")
        }
        let listen = root["listen"] as? String ?? "127.0.0.1:8080"
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
            (0...65_535).contains(port)
        else { throw Problem(description: "listen must be HOST:PORT (got '\(listen)')") }
        guard let dataDir = root["data_dir"] as? String, !dataDir.isEmpty else {
            throw Problem(description: "data_dir is required")
        }
        guard let botToken = try secret(root, "bot_token_env", environment, path: "bot_token_env") else {
            throw Problem(description: "bot_token_env is required")
        }
        var settings = RelaySettings(
            host: String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]")),
            port: port,
            dataDirectory: URL(fileURLWithPath: dataDir, relativeTo: base).standardizedFileURL,
            botToken: botToken
        )
        if let hours = number(root["retention_hours"]) { settings.retentionSeconds = Int64(hours * 3600) }
        if let seconds = number(root["teams_webhook_hold_seconds"]) { settings.holdSeconds = min(seconds, 4.5) }
        if let text = root["teams_webhook_holding_text"] as? String { settings.holdingText = text }
        let sources = root["sources"] as? [String: Any] ?? [:]
        for name in sources.keys.sorted() where !Self.sources.contains(name) {
            if name == "mattermost" || name == "zulip" {
                throw Problem(
                    description: "sources.\(name): the bot polls \(name == "zulip" ? "Zulip" : "Mattermost") directly, "
                        + "so it needs no relay; configure it in prevent-assist.yaml (platforms: - kind: \(name))"
                )
            }
            throw Problem(
                description: "sources.\(name) is not a relay source (known: \(Self.sources.joined(separator: ", ")))"
            )
        }
        if let slack = sources["slack"] as? [String: Any] {
            settings.slackSigningSecret = try required(slack, "signing_secret_env", environment, "sources.slack")
        }
        if let teams = sources["teams_webhook"] as? [String: Any] {
            settings.teamsWebhookToken = try required(teams, "security_token_env", environment, "sources.teams_webhook")
        }
        if let bot = sources["bot_framework"] as? [String: Any] {
            guard let appID = bot["app_id"] as? String, !appID.isEmpty else {
                throw Problem(description: "sources.bot_framework.app_id is required")
            }
            settings.botFramework = RelaySettings.BotFramework(
                appID: appID,
                openIDMetadataURL: bot["openid_metadata_url"] as? String
                    ?? RelaySettings.BotFramework.defaultMetadataURL
            )
        }
        return settings
    }

    /// The sources the relay takes webhooks from, in the order the error lists them.
    static let sources = ["slack", "teams_webhook", "bot_framework"]

    private static func required(
        _ section: [String: Any],
        _ key: String,
        _ environment: [String: String],
        _ path: String
    ) throws -> String {
        guard let value = try secret(section, key, environment, path: "\(path).\(key)") else {
            throw Problem(description: "\(path).\(key) is required")
        }
        return value
    }

    private static func secret(
        _ section: [String: Any],
        _ key: String,
        _ environment: [String: String],
        path: String
    ) throws -> String? {
        guard let variable = section[key] as? String else { return nil }
        guard let value = environment[variable], !value.isEmpty else {
            throw Problem(description: "environment variable \(variable) (named by \(path)) is not set")
        }
        return value
    }

    private static func number(_ value: Any?) -> Double? {
        (value as? Int).map(Double.init) ?? (value as? Double)
    }
}
