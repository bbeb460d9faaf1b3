import CurlHTTP
import Foundation
import Logging
import PreventAssistTesting
import RelayServer
import Synchronization

/// A relay running for real on 127.0.0.1 (port 0) in a temporary data directory, with a clock the test can move.
/// ``restart()`` stops it and starts a new one on the same directory, as a restarted process would.
final class RelayFixture: Sendable {
    static let botToken = "relay-bot-token-for-tests"
    static let slackSecret = "slack-signing-secret-for-tests"
    /// A Teams outgoing webhook security token (base64).
    static let teamsToken = Data((0..<32).map { UInt8($0 * 11 % 256) }).base64EncodedString()
    /// How long a test's request to the relay may take: these tests are about what the relay answers, not how fast;
    /// a loaded 2-core CI machine once needed more than 20 s. The suites' time limits still catch a hang.
    static let requestTimeout: Double = 60

    let directory: TemporaryDirectory
    let settings: RelaySettings
    private let clock: TestClock
    private let running = Mutex<(task: Task<Void, any Error>?, port: Int)>((nil, 0))
    let transport = CurlTransport()

    init(
        botFramework: RelaySettings.BotFramework? = nil,
        holdSeconds: Double = 4,
        retentionSeconds: Int64 = 86_400,
        bodyReadSeconds: Double = 10,
        now: Int64 = Int64(Date().timeIntervalSince1970)
    ) async throws {
        directory = try TemporaryDirectory()
        var settings = RelaySettings(
            host: "127.0.0.1",
            port: 0,
            dataDirectory: directory.url.appendingPathComponent("relay"),
            botToken: Self.botToken,
            retentionSeconds: retentionSeconds,
            holdSeconds: holdSeconds,
            slackSigningSecret: Self.slackSecret,
            teamsWebhookToken: Self.teamsToken,
            botFramework: botFramework
        )
        settings.bodyReadSeconds = bodyReadSeconds
        self.settings = settings
        clock = TestClock(now)
        try await start()
    }

    var now: Int64 {
        get { clock.value }
        set { clock.value = newValue }
    }

    var baseURL: String { "http://127.0.0.1:\(running.withLock { $0.port })" }

    func start() async throws {
        let bound = Mutex(0)
        let server = try RelayServer(
            settings: settings,
            logger: Logger(label: "relay-test") { _ in SwiftLogNoOpLogHandler() },
            transport: transport,
            now: { [clock] in clock.value },
            onListening: { port in bound.withLock { $0 = port } }
        )
        // Off the cooperative pool, as the relay's own process would be (``ServerExecutor``).
        let task = Task(executorPreference: ServerExecutor.shared) { try await server.run() }
        let deadline = ContinuousClock.now + .seconds(90)
        while bound.withLock({ $0 }) == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        let port = bound.withLock { $0 }
        running.withLock { $0 = (task, port) }
        guard port != 0 else { throw FixtureError(message: "relay did not start") }
    }

    func stop() async {
        let task = running.withLock { state -> Task<Void, any Error>? in
            defer { state = (nil, 0) }
            return state.task
        }
        task?.cancel()
        _ = try? await task?.value
    }

    func restart() async throws {
        await stop()
        try await start()
    }

    func finish() async {
        await stop()
        directory.remove()
    }

    /// The queue file itself, read directly (the relay may be stopped).
    func queuedCount() throws -> Int { try RelayQueue(directory: settings.dataDirectory).count() }

    // MARK: - Requests

    func post(_ path: String, headers: [String: String], body: Data) async throws -> HTTPResponse {
        try await transport.perform(
            HTTPRequest(
                method: .post,
                url: baseURL + path,
                headers: headers.map { (name: $0.key, value: $0.value) },
                body: body,
                timeout: Self.requestTimeout
            )
        )
    }

    /// A Slack Events API delivery, signed with the fixture's secret at the relay's clock unless told otherwise.
    func postSlack(
        _ body: Data,
        timestamp: Int64? = nil,
        signature: String? = nil,
        retry: Int? = nil
    ) async throws
        -> HTTPResponse
    {
        let stamp = String(timestamp ?? now)
        var headers = [
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature
                ?? SlackSignature.signature(secret: Self.slackSecret, timestamp: stamp, body: body),
        ]
        if let retry {
            headers["X-Slack-Retry-Num"] = String(retry)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        }
        return try await post("/v1/slack/events", headers: headers, body: body)
    }

    /// A Teams outgoing webhook delivery, signed with the fixture's security token unless told otherwise.
    func postTeamsWebhook(_ body: Data, authorization: String? = nil) async throws -> HTTPResponse {
        let header =
            authorization ?? TeamsWebhookSignature.authorization(securityToken: Self.teamsToken, body: body) ?? ""
        return try await post(
            "/v1/teams/webhook",
            headers: ["Content-Type": "application/json", "Authorization": header],
            body: body
        )
    }

    /// One long-poll as the bot: the events' sequences, sources and payloads.
    func poll(
        after: Int64,
        timeout: Int = 0,
        sources: String? = nil,
        token: String = botToken
    ) async throws
        -> (status: Int, events: [(seq: Int64, source: String, payload: [String: Any])])
    {
        var url = baseURL + "/v1/updates?after=\(after)&timeout=\(timeout)"
        if let sources { url += "&sources=\(sources)" }
        let response = try await transport.perform(
            HTTPRequest(
                url: url,
                headers: [("Authorization", "Bearer \(token)")],
                timeout: Double(timeout) + Self.requestTimeout
            )
        )
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        let events = (object?["events"] as? [[String: Any]] ?? []).map { event in
            (
                seq: (event["seq"] as? NSNumber)?.int64Value ?? -1,
                source: event["source"] as? String ?? "",
                payload: event["payload"] as? [String: Any] ?? [:]
            )
        }
        return (response.status, events)
    }

    struct FixtureError: Error {
        let message: String
    }

    // MARK: - Payloads

    static func slackEvent(
        id: String,
        text: String,
        channel: String = "D0PERSON",
        channelType: String = "im",
        user: String = "U0SAM",
        ts: String = "1795944000.000100"
    ) -> Data {
        let object: [String: Any] = [
            "token": "legacy", "team_id": "T0UNI", "api_app_id": "A0BOT", "type": "event_callback",
            "event_id": id, "event_time": 1_795_944_000,
            "event": [
                "type": "message", "channel": channel, "channel_type": channelType, "user": user,
                "text": text, "ts": ts,
            ],
        ]
        return (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    }
}

/// The relay's clock in a test, in Unix seconds.
final class TestClock: Sendable {
    private let stored: Mutex<Int64>

    init(_ now: Int64) { stored = Mutex(now) }

    var value: Int64 {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
