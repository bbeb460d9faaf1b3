public import Foundation
import TextNormalization
import Yams

/// Reads `relay.yaml` (see `relay.example.yaml`) strictly: an unknown key is an error naming it and the nearest known
/// key; every value must have its type and documented range; an empty section is an error, not the source turned off.
/// All problems are reported at once, with line numbers. Secrets are never in the file, only the names of the
/// environment variables holding them (`*_env`); a named variable that is unset is an error, so a typo cannot open
/// an endpoint without its check.
public enum RelayConfigurationFile {
    /// The documented ranges (docs/deployment-relay.md, relay.example.yaml).
    public enum Range {
        public static let retentionHours: ClosedRange<Double> = 1...720
        public static let holdSeconds: ClosedRange<Double> = 0...4.5
        public static let port: ClosedRange<Int> = 1...65_535
        public static let holdingTextCharacters = 1_000
    }

    public static func load(_ file: URL, environment: [String: String]) throws(ConfigurationProblems) -> RelaySettings {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ConfigurationProblems([
                ConfigurationProblem(line: nil, "cannot read \(file.path): \(error.localizedDescription)")
            ])
        }
        return try parse(text, environment: environment, relativeTo: file.deletingLastPathComponent())
    }

    /// The settings `text` describes, or every problem in it.
    public static func parse(
        _ text: String,
        environment: [String: String],
        relativeTo base: URL
    ) throws(ConfigurationProblems) -> RelaySettings {
        let log = ProblemLog()
        let settings = read(text, environment: environment, base: base, log: log)
        guard log.problems.isEmpty, let settings else { throw ConfigurationProblems(log.sorted) }
        return settings
    }

    static let topLevelKeys = [
        "listen", "data_dir", "bot_token_env", "retention_hours", "teams_webhook_hold_seconds",
        "teams_webhook_holding_text", "sources",
    ]
    /// The sources the relay takes webhooks from, in the order the error lists them, with their keys.
    static let sources = ["slack", "teams_webhook", "bot_framework"]
    static let sourceKeys = [
        "slack": ["signing_secret_env"],
        "teams_webhook": ["security_token_env"],
        "bot_framework": ["app_id", "openid_metadata_url"],
    ]

    private static func read(
        _ text: String,
        environment: [String: String],
        base: URL,
        log: ProblemLog
    ) -> RelaySettings? {
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                log.add(nil, "the file is empty")
                return nil
            }
            node = composed
        } catch {
            log.add(nil, "not valid YAML: \(error)")
            return nil
        }
        guard let root = YAMLSection(node, path: "", known: topLevelKeys, problems: log) else { return nil }
        let secrets = SecretReader(environment: environment, log: log)
        let listen = listenAddress(root, log)
        let dataDirectory = dataDirectory(root, base: base, log: log)
        let botToken = secrets.required(root, "bot_token_env")
        var settings = RelaySettings(
            host: listen?.host ?? "",
            port: listen?.port ?? 0,
            dataDirectory: dataDirectory ?? base,
            botToken: botToken ?? ""
        )
        if let hours = root.number("retention_hours", in: Range.retentionHours, unit: "hours") {
            settings.retentionSeconds = Int64((hours * 3600).rounded())  // at most 720 h: in range
        }
        if let seconds = root.number("teams_webhook_hold_seconds", in: Range.holdSeconds, unit: "seconds") {
            settings.holdSeconds = seconds
        }
        if let holding = root.string("teams_webhook_holding_text", maximumLength: Range.holdingTextCharacters) {
            settings.holdingText = holding
        }
        readSources(root, secrets: secrets, into: &settings, log: log)
        return settings
    }

    private static func listenAddress(_ root: YAMLSection, _ log: ProblemLog) -> (host: String, port: Int)? {
        guard let listen = root.node("listen") else { return ("127.0.0.1", 8080) }
        let problem =
            "listen must be HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:8080 or \"[::1]:8080\" (quoted)"
        guard let text = listen.scalar?.string, !YAMLSection.isNull(listen) else {
            log.add(root.lineOf("listen"), problem + " (got a list or mapping)")
            return nil
        }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            Range.port.contains(port)
        else {
            log.add(root.lineOf("listen"), problem + " (got '\(text)')")
            return nil
        }
        let host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard !host.isEmpty, !host.contains(where: \.isWhitespace) else {
            log.add(root.lineOf("listen"), problem + " (got '\(text)': no host)")
            return nil
        }
        return (host, port)
    }

    private static func dataDirectory(_ root: YAMLSection, base: URL, log: ProblemLog) -> URL? {
        guard root.node("data_dir") != nil else {
            log.add(nil, "data_dir is required")
            return nil
        }
        guard let path = root.string("data_dir") else { return nil }
        let url = URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL
        if let problem = DataDirectoryPermissions.problem(at: url) { log.add(root.lineOf("data_dir"), problem) }
        return url
    }

    private static func readSources(
        _ root: YAMLSection,
        secrets: SecretReader,
        into settings: inout RelaySettings,
        log: ProblemLog
    ) {
        guard let sourcesNode = root.node("sources") else { return }
        if root.isEmpty("sources") {
            log.add(root.lineOf("sources"), "sources is empty: give at least one of \(sources.joined(separator: ", "))")
            return
        }
        guard case .mapping(let mapping) = sourcesNode else {
            log.add(root.lineOf("sources"), "sources must be a mapping of source names to their settings")
            return
        }
        for (keyNode, _) in mapping {
            let name = keyNode.scalar?.string ?? ""
            guard !Self.sources.contains(name) else { continue }
            if name == "mattermost" || name == "zulip" {
                log.add(
                    keyNode.mark?.line,
                    "sources.\(name): the bot polls \(name == "zulip" ? "Zulip" : "Mattermost") directly, "
                        + "so it needs no relay; configure it in prevent-assist.yaml (platforms: - kind: \(name))"
                )
            } else {
                var message = "sources.\(name) is not a relay source (known: \(Self.sources.joined(separator: ", ")))"
                if let nearest = NearestName.suggestion(for: name, among: Self.sources) {
                    message += "; did you mean sources.\(nearest)?"
                }
                log.add(keyNode.mark?.line, message)
            }
        }
        let known = mapping.compactMap { pair in
            pair.key.scalar.flatMap { Self.sources.contains($0.string) ? ($0.string, pair.value) : nil }
        }
        for (name, node) in known {
            let path = "sources.\(name)"
            let keys = sourceKeys[name] ?? []
            if YAMLSection.isNull(node) {
                log.add(node.mark?.line, "\(path) is empty: give \(keys.joined(separator: ", ")) or remove the section")
                continue
            }
            guard let section = YAMLSection(node, path: path, known: keys, problems: log) else { continue }
            switch name {
            case "slack":
                settings.slackSigningSecret = secrets.required(section, "signing_secret_env")
            case "teams_webhook":
                if let token = secrets.required(section, "security_token_env") {
                    if Data(base64Encoded: token) == nil {
                        log.add(
                            section.lineOf("security_token_env"),
                            "\(path).security_token_env names a variable that is not base64 (Teams shows the token "
                                + "in base64; copy it whole)"
                        )
                    }
                    settings.teamsWebhookToken = token
                }
            default:
                settings.botFramework = botFramework(section, log)
            }
        }
    }

    private static func botFramework(_ section: YAMLSection, _ log: ProblemLog) -> RelaySettings.BotFramework? {
        guard section.node("app_id") != nil else {
            log.add(section.line, "\(section.path).app_id is required")
            return nil
        }
        guard let appID = section.string("app_id", maximumLength: 200) else { return nil }
        var metadata = RelaySettings.BotFramework.defaultMetadataURL
        if section.node("openid_metadata_url") != nil {
            guard let url = section.string("openid_metadata_url"), url.hasPrefix("https://") else {
                log.add(
                    section.lineOf("openid_metadata_url"),
                    "\(section.name("openid_metadata_url")) must be an https:// URL"
                )
                return nil
            }
            metadata = url
        }
        return RelaySettings.BotFramework(appID: appID, openIDMetadataURL: metadata)
    }
}
