import Foundation
import Hummingbird
public import Logging
public import ServiceLifecycle
import Storage

/// `prevent-assist desk`: the safeguarding desk as a `Service`, on loopback by default, behind the institution's
/// TLS-terminating reverse proxy (docs/desk.md). Ends idle sessions every minute.
public struct DeskServer: Service {
    let app: DeskApp
    let logger: Logger
    let onListening: @Sendable (Int) async -> Void
    /// What the minute between session sweeps is measured on.
    let sleeper: any Clock<Duration>

    public init(
        app: DeskApp,
        logger: Logger,
        sleeper: any Clock<Duration> = ContinuousClock(),
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.app = app
        self.logger = logger
        self.sleeper = sleeper
        self.onListening = onListening
    }

    public func run() async throws {
        let application = Application(
            router: DeskRouter.router(app),
            configuration: .init(
                address: .hostname(app.settings.host, port: app.settings.port),
                serverName: "prevent-assist-desk"
            ),
            onServerRunning: { [onListening, logger] channel in
                let port = channel.localAddress?.port ?? 0
                logger.info("desk listening", metadata: ["port": "\(port)"])
                await onListening(port)
            },
            logger: logger
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [sleeper] in try await Self.sweep(app, sleeper: sleeper) }
            group.addTask { try await application.runService() }
            try await group.next()
            group.cancelAll()
        }
    }

    private static func sweep(_ app: DeskApp, sleeper: any Clock<Duration>) async throws {
        while !Task.isCancelled {
            _ = try? app.accounts.deleteSessions(idleSince: app.now() - app.settings.sessions.idleSeconds)
            try await sleeper.sleep(for: .seconds(60))
        }
    }
}
