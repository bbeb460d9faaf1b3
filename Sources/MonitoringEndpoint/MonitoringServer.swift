public import AssistantService
import Foundation
import Hummingbird
public import Logging
import Prometheus
public import ServiceLifecycle

/// The HTTP endpoint of `serve --metrics HOST:PORT`: `GET /metrics` (Prometheus text format) and `GET /healthz`
/// (each poller's state as JSON; 200 when all are starting or polling, 503 otherwise). Runs as a `Service` in the
/// same group as the pollers and stops with them.
public struct MonitoringServer: Service {
    let address: MonitoringAddress
    let metrics: RuntimeMetrics
    let health: @Sendable () -> ServiceHealth
    let logger: Logger
    let onListening: @Sendable (Int) async -> Void

    /// - Parameter onListening: called with the bound port once the server listens (port 0 picks a free one).
    public init(
        address: MonitoringAddress,
        metrics: RuntimeMetrics,
        logger: Logger,
        health: @escaping @Sendable () -> ServiceHealth,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.address = address
        self.metrics = metrics
        self.health = health
        self.logger = logger
        self.onListening = onListening
    }

    public func run() async throws {
        let router = Router()
        router.get("metrics") { [metrics] _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.registry.emitToBuffer()))
            )
        }
        router.get("healthz") { [health] _, _ -> Response in
            let report = health()
            return Response(
                status: report.isHealthy ? .ok : .serviceUnavailable,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: report.json()))
            )
        }
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "prevent-assist"),
            onServerRunning: { [onListening, logger] channel in
                let port = channel.localAddress?.port ?? 0
                logger.info("metrics listening", metadata: ["port": "\(port)"])
                await onListening(port)
            },
            logger: logger
        )
        try await application.runService()
    }
}

/// Where the monitoring endpoint listens: `HOST:PORT` (e.g. `127.0.0.1:9464`).
public struct MonitoringAddress: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`; `nil` when it is not that shape or the port is out of range.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65_535).contains(port)
        else { return nil }
        let host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard !host.isEmpty else { return nil }
        self.init(host: host, port: port)
    }

    public var description: String { "\(host):\(port)" }
}
