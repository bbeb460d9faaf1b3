public import AssistantCore
import CurlHTTP
import Foundation
public import KnowledgeLoader
public import Logging
public import ServiceLifecycle
import Storage
import UnixSignals

/// The assistant running: `serve` (a poller per configured platform, housekeeping and the optional monitoring
/// endpoint in one service group, until SIGTERM or SIGINT) and `chat` (one conversation in the terminal through the
/// same runtime). The command line parses its options, loads the ``AssistantSetup`` and delegates here.
public enum AssistantRuntime {
    /// Makes the monitoring endpoint's service from the runtime's metrics and a health report to answer each request
    /// with; the endpoint lives in a target above this one, so `serve --metrics` passes it in.
    public typealias MonitoringFactory =
        @Sendable (_ metrics: RuntimeMetrics, _ health: @escaping @Sendable () -> ServiceHealth) -> any Service

    /// Polls every platform in the set-up's configuration and answers, until SIGTERM or SIGINT. One poller failing
    /// does not stop the others; the monitoring endpoint failing to bind stops everything.
    /// - Parameters:
    ///   - setup: the loaded content, configuration and assistant; its configuration names at least one platform.
    ///   - dataDirectory: where the store is (prepared with mode 0700).
    ///   - today: today's date, asked at start-up and on each health request (articles fall overdue while it runs).
    ///   - monitoring: the `--metrics` endpoint, if asked for.
    ///   - clock: every wait and stored time of the pollers and housekeeping.
    public static func serve(
        setup: AssistantSetup,
        dataDirectory: DataDirectory,
        logger: Logger,
        today: @escaping @Sendable () -> CalendarDate?,
        monitoring: MonitoringFactory? = nil,
        clock: RuntimeClock = .live
    ) async throws {
        let configuration = setup.configuration
        let database = try DataStore.open(dataDirectory, logger: logger)
        let engine = Self.engine(setup, database: database, logger: logger)
        let transport = CurlTransport()
        let metrics = RuntimeMetrics()
        var runners: [PlatformRunner] = []
        for account in configuration.platforms {
            let platform = try PlatformFactory.make(account, database: database, transport: transport)
            let routing = PlatformRunner.AlertRouting(
                teamRoom: configuration.alertRooms[account.id],
                deputies: Array(configuration.roles.deputies),
                escalateAfter: Int64(configuration.escalateAfterMinutes) * 60,
                moderatorRoom: configuration.snippets.moderatorRooms[account.id],
                moderators: Array(configuration.snippets.moderators)
            )
            runners.append(
                PlatformRunner(
                    platform: platform,
                    engine: engine,
                    logger: logger,
                    alerts: routing,
                    metrics: metrics,
                    clock: clock
                )
            )
        }
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = runners.map {
            .init(service: $0, successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore)
        }
        let housekeeping = Housekeeping(
            database: database,
            draftExpiryHours: configuration.draftExpiryHours,
            learning: configuration.learning
        )
        services.append(.init(service: HousekeepingService(housekeeping, logger: logger, clock: clock)))
        let knowledge = setup.assistant.knowledge
        if let today = today() {
            let overdue = OverdueReview.list(in: knowledge, on: today)
            if !overdue.isEmpty {
                // Article ids only: /healthz lists them too, with their review dates.
                logger.warning(
                    "articles past their review date; run 'prevent-assist kb check'",
                    metadata: ["articles": "\(overdue.map(\.articleID).joined(separator: ","))"]
                )
            }
        }
        if let monitoring {
            let server = monitoring(metrics) { [runners] in
                ServiceHealth(
                    runners: runners,
                    reviewsOverdue: today().map { OverdueReview.list(in: knowledge, on: $0) } ?? []
                )
            }
            // The endpoint failing to bind is a configuration fault: stop everything and say so.
            services.append(.init(service: server, failureTerminationBehavior: .gracefullyShutdownGroup))
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        logger.info("serving", metadata: ["platforms": "\(configuration.platforms.map(\.id).joined(separator: ","))"])
        try await group.run()
    }

    /// Signs each configured platform account in once, without loading content or training: `serve --check`.
    public static func checkPlatforms(
        _ configuration: InstitutionConfiguration,
        dataDirectory: DataDirectory,
        logger: Logger
    ) async throws -> [PlatformCheck.Result] {
        let database = try DataStore.open(dataDirectory, logger: logger)
        return await PlatformCheck.run(
            configuration.platforms,
            database: database,
            transport: CurlTransport(),
            environment: ProcessInfo.processInfo.environment
        )
    }

    /// One conversation in the terminal with `user`, through the same runtime as `serve` (each line handled durably,
    /// replies sent from the outbox), until `readLine` returns `nil` or the person types `quit`. Tidies expired forms
    /// and escalates unacknowledged alerts first, and shows the notices waiting for `user`.
    /// - Parameters:
    ///   - prompt: shown before each line read (`nil` when standard input is not a terminal).
    ///   - clock: the time forms expire and alerts escalate by, and the runtime's waits.
    public static func chat(
        setup: AssistantSetup,
        dataDirectory: DataDirectory,
        user: String,
        prompt: String?,
        logger: Logger,
        readLine: @escaping @Sendable () -> String?,
        write: @escaping @Sendable (String) -> Void,
        clock: RuntimeClock = .live
    ) async throws {
        let now = clock.now()
        let configuration = setup.configuration
        let database = try DataStore.open(dataDirectory, logger: logger)
        let tidied = try Housekeeping(
            database: database,
            draftExpiryHours: configuration.draftExpiryHours,
            learning: configuration.learning
        )
        .run(at: now)
        if tidied.expiredDrafts > 0 {
            logger.info("expired unfinished forms purged", metadata: ["count": "\(tidied.expiredDrafts)"])
        }
        try AlertOutbox(database: database).escalateUnacknowledged(
            after: Int64(configuration.escalateAfterMinutes) * 60,
            at: now
        )
        let engine = Self.engine(setup, database: database, logger: logger)
        let console = ConsolePlatform(user: user, readLine: readLine, write: write, prompt: prompt, clock: clock.now)
        let opening = console.message("", number: 0)
        for notice in engine.deliverNotices(to: opening.senderIdentity, at: now) {
            console.show(Reply(kind: .notice, text: notice))
        }
        if let notice = engine.resumeNotice(for: opening) {
            console.show(Reply(kind: .notice, text: notice))
        }
        let runner = PlatformRunner(
            platform: console,
            engine: engine,
            logger: logger,
            deliversNotices: false,
            clock: clock
        )
        try await runner.run()
    }

    /// The per-message engine over `database`, with the set-up's assistant, roles and snippet settings.
    private static func engine(_ setup: AssistantSetup, database: AppDatabase, logger: Logger) -> ConversationEngine {
        ConversationEngine(
            assistant: setup.assistant,
            database: database,
            roles: setup.configuration.roles,
            snippetSettings: setup.configuration.snippets,
            logger: logger
        )
    }
}
