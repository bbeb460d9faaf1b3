public import Foundation

/// The relay's resolved configuration: `relay.yaml` with the secrets read from the environment variables it names
/// (see ``RelayConfigurationFile``). A source whose settings are absent has no endpoint (404).
public struct RelaySettings: Sendable {
    /// Where the HTTP server listens (plain HTTP: TLS is terminated by the DMZ's reverse proxy).
    public var host: String
    public var port: Int
    /// Holds `relay.sqlite`, the queue.
    public var dataDirectory: URL
    /// The bearer token the bot presents on `/v1/updates` and `/v1/replies`.
    public var botToken: String
    /// Events older than this are deleted even when never acknowledged, in seconds.
    public var retentionSeconds: Int64
    /// How long a Teams outgoing webhook is held open for the bot's answer, in seconds (Teams gives up after 5, so
    /// `relay.yaml` allows 0 to 4.5; a value set here directly is clamped to 0…60, NaN to 0, so it cannot crash).
    public var holdSeconds: Double
    /// What a held Teams outgoing webhook answers when the bot has not replied in time.
    public var holdingText: String
    /// The longest long-poll the relay grants, in seconds.
    public var maximumPollSeconds: Int
    /// Webhook bodies larger than this are refused with 413.
    public var maximumBodyBytes: Int
    /// A request body not received within this many seconds is answered 408 (a slow-loris sender cannot hold the
    /// relay's resources); clamped to 1…60.
    public var bodyReadSeconds: Double = 10
    /// How webhooks are committed; only `bench/relay-load` changes it (not settable in `relay.yaml`).
    public var queueDesign: RelayQueue.CommitDesign = .batched

    public var slackSigningSecret: String?
    /// The Teams outgoing webhook's security token (base64, as Teams shows it).
    public var teamsWebhookToken: String?
    public var botFramework: BotFramework?

    /// The Azure Bot's identity and where its signing keys are published.
    public struct BotFramework: Sendable, Hashable {
        public var appID: String
        public var openIDMetadataURL: String

        public static let defaultMetadataURL = "https://login.botframework.com/v1/.well-known/openidconfiguration"

        public init(appID: String, openIDMetadataURL: String = defaultMetadataURL) {
            self.appID = appID
            self.openIDMetadataURL = openIDMetadataURL
        }
    }

    /// ``holdSeconds`` within 0…60 s, in milliseconds.
    var holdMilliseconds: Int {
        guard holdSeconds.isFinite else { return 0 }
        return Int((min(max(holdSeconds, 0), 60) * 1000).rounded())
    }

    /// ``bodyReadSeconds`` within 1…60 s.
    var bodyReadDuration: Duration {
        guard bodyReadSeconds.isFinite else { return .seconds(10) }
        return .milliseconds(Int((min(max(bodyReadSeconds, 1), 60) * 1000).rounded()))
    }

    public static let defaultHoldingText = "I'm looking into that — I'll reply here shortly."

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        dataDirectory: URL,
        botToken: String,
        retentionSeconds: Int64 = 86_400,
        holdSeconds: Double = 4,
        holdingText: String = defaultHoldingText,
        maximumPollSeconds: Int = 50,
        maximumBodyBytes: Int = 1_048_576,
        slackSigningSecret: String? = nil,
        teamsWebhookToken: String? = nil,
        botFramework: BotFramework? = nil
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.botToken = botToken
        self.retentionSeconds = retentionSeconds
        self.holdSeconds = holdSeconds
        self.holdingText = holdingText
        self.maximumPollSeconds = maximumPollSeconds
        self.maximumBodyBytes = maximumBodyBytes
        self.slackSigningSecret = slackSigningSecret
        self.teamsWebhookToken = teamsWebhookToken
        self.botFramework = botFramework
    }
}
