import ChatModel
public import CurlHTTP
import Foundation
import Hummingbird
public import Logging
public import ServiceLifecycle

/// `prevent-assist relay`: the webhook relay, run as a `Service`. It sits in the DMZ behind the TLS-terminating
/// reverse proxy; Microsoft and Slack push to it, and the bot, inside the network, long-polls it. Routes:
///
/// - `POST /v1/slack/events`, `POST /v1/teams/messages` (Bot Framework), `POST /v1/teams/webhook` (outgoing
///   webhook): verified, then queued (404 when the source is not configured; 401/403 when verification fails; 413
///   over the size limit). Mattermost and Zulip need no relay: the bot polls them directly;
/// - `GET /v1/updates?after=SEQ&timeout=S&sources=…` and `POST /v1/replies/{seq}`: the bot's, with its bearer token;
/// - `GET /healthz`.
public struct RelayServer: Service {
    let endpoints: RelayEndpoints
    let logger: Logger
    let onListening: @Sendable (Int) async -> Void

    /// Opens the queue in the settings' data directory.
    ///
    /// - Parameters:
    ///   - transport: fetches the Bot Framework's OpenID metadata and keys.
    ///   - now: the clock, in Unix seconds.
    ///   - sleeper: what waits are measured on (long-polls, reply holds, body deadlines, the retention sweep).
    ///   - onListening: called with the bound port once the server listens (port 0 picks a free one).
    public init(
        settings: RelaySettings,
        logger: Logger,
        transport: any HTTPTransport = CurlTransport(),
        now: @escaping @Sendable () -> Int64 = RelayServer.systemClock,
        sleeper: any Clock<Duration> = ContinuousClock(),
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws {
        let queue = try RelayQueue(directory: settings.dataDirectory, design: settings.queueDesign)
        endpoints = RelayEndpoints(
            settings: settings,
            queue: queue,
            transport: transport,
            logger: logger,
            now: now,
            sleeper: sleeper
        )
        self.logger = logger
        self.onListening = onListening
    }

    /// The system clock in Unix seconds.
    public static let systemClock: @Sendable () -> Int64 = { UnixClock.system.seconds }

    public func run() async throws {
        let endpoints = endpoints
        let application = Application(
            router: Self.router(endpoints),
            configuration: .init(
                address: .hostname(endpoints.settings.host, port: endpoints.settings.port),
                serverName: "prevent-assist-relay"
            ),
            onServerRunning: { [onListening, logger] channel in
                let port = channel.localAddress?.port ?? 0
                logger.info("relay listening", metadata: ["port": "\(port)"])
                await onListening(port)
            },
            logger: logger
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await Self.sweep(endpoints) }
            group.addTask {
                // Long-polls end at once on shutdown, so the server is not kept waiting for them.
                try await withGracefulShutdownHandler {
                    try await application.runService()
                } onGracefulShutdown: {
                    endpoints.doorbell.close()
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Deletes events older than the retention period, at start and then every minute.
    private static func sweep(_ endpoints: RelayEndpoints) async throws {
        while !Task.isCancelled {
            let cutoff = endpoints.now() - endpoints.settings.retentionSeconds
            if let removed = try? endpoints.queue.purge(olderThan: cutoff), removed > 0 {
                endpoints.logger.info("expired events deleted", metadata: ["count": "\(removed)"])
            }
            try await endpoints.sleeper.sleep(for: .seconds(60))
        }
    }

    static func router(_ endpoints: RelayEndpoints) -> Router<BasicRequestContext> {
        let router = Router()
        let limit = endpoints.settings.maximumBodyBytes
        let deadline = endpoints.settings.bodyReadDuration
        let sleeper = endpoints.sleeper
        router.post("v1/slack/events") { request, _ in
            try await respond(request, limit: limit, deadline: deadline, sleeper: sleeper) { headers, body in
                await endpoints.slack(headers: headers, body: body)
            }
        }
        router.post("v1/teams/messages") { request, _ in
            try await respond(request, limit: limit, deadline: deadline, sleeper: sleeper) { headers, body in
                await endpoints.botFramework(headers: headers, body: body)
            }
        }
        router.post("v1/teams/webhook") { request, _ in
            try await respond(request, limit: limit, deadline: deadline, sleeper: sleeper) { headers, body in
                await endpoints.teamsWebhook(headers: headers, body: body)
            }
        }
        router.get("v1/updates") { request, _ in
            var query: [String: String] = [:]
            for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
            return Self.response(await endpoints.updates(headers: headers(request), query: query))
        }
        router.post("v1/replies/:seq") { request, context in
            let sequence = context.parameters.get("seq").flatMap { Int64($0) }
            return try await respond(request, limit: 65_536, deadline: deadline, sleeper: sleeper) { headers, body in
                (try? endpoints.reply(headers: headers, sequence: sequence, body: body))
                    ?? .json(500, ["error": "queue unavailable"])
            }
        }
        router.get("healthz") { _, _ in Self.response(.json(200, ["status": "ok"])) }
        return router
    }

    /// Reads the body (refusing it with 413 past `limit`, before reading when `Content-Length` says so, and with 408
    /// when it has not all arrived within `deadline`) and runs `handle`.
    private static func respond(
        _ request: Request,
        limit: Int,
        deadline: Duration,
        sleeper: any Clock<Duration>,
        _ handle: @Sendable ([String: String], Data) async -> RelayResponse
    ) async throws -> Response {
        let headers = headers(request)
        if let length = headers["content-length"].flatMap(Int.init), length > limit {
            return response(.refused(.tooLarge))
        }
        switch await BodyReader.collect(request.body, limit: limit, deadline: deadline, sleeper: sleeper) {
        case .body(let body): return response(await handle(headers, body))
        case .tooLarge: return response(.refused(.tooLarge))
        case .tooSlow: return response(.json(408, ["error": "request body not received in time"]))
        }
    }

    private static func headers(_ request: Request) -> [String: String] {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        return headers
    }

    private static func response(_ relay: RelayResponse) -> Response {
        Response(
            status: HTTPResponse.Status(code: relay.status),
            headers: [.contentType: relay.contentType],
            body: .init(byteBuffer: ByteBuffer(bytes: relay.body))
        )
    }
}
