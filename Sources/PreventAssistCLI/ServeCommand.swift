import ArgumentParser
import AssistantCore
import AssistantService
import CurlHTTP
import Foundation
import KnowledgeLoader
import Logging
import MonitoringEndpoint
import Platforms
import ServiceLifecycle
import Storage
import UnixSignals

/// `prevent-assist serve`: polls every configured chat platform and answers, until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Poll the configured chat platforms and answer (stops cleanly on SIGTERM/SIGINT).",
        discussion: """
            Each platform account under 'platforms:' in the configuration gets its own poller; they run \
            concurrently, and one failing does not stop the others. Secrets come from the environment variables \
            the configuration names.
            """
    )

    @Option(
        name: .long,
        help: "Data directory (default: the configuration's data_dir, else $XDG_DATA_HOME/prevent-assist)."
    )
    var data: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Serve Prometheus metrics at /metrics and poller health at /healthz on HOST:PORT.",
            valueName: "host:port"
        )
    )
    var metrics: String?

    @Flag(
        name: .long,
        help: "Check each platform account (settings, secrets, sign-in) and exit: 0 when every one is ready."
    )
    var check = false

    @OptionGroup var content: ContentOptions

    func validate() throws {
        if let metrics, MonitoringAddress(metrics) == nil {
            throw ValidationError("--metrics must be HOST:PORT, e.g. 127.0.0.1:9464 (got '\(metrics)')")
        }
    }

    func run() async throws {
        if check {
            // The platforms only: no content is loaded and no model trained.
            let configuration = try AssistantSetup.loadConfiguration(
                AssistantSetup.configurationFile(explicit: content.config)
            )
            guard !configuration.platforms.isEmpty else {
                throw ValidationError("no platforms are configured: add a 'platforms:' list to the configuration")
            }
            let database = try DataStore.open(
                DataDirectory.resolve(explicit: data, configured: configuration.dataDirectory),
                logger: CommandLogging.logger()
            )
            try await checkPlatforms(configuration.platforms, database: database)
            return
        }
        let setup = try content.setup(data: data)
        let logger = CommandLogging.logger()
        let configuration = setup.configuration
        guard !configuration.platforms.isEmpty else {
            throw ValidationError("no platforms are configured: add a 'platforms:' list to the configuration")
        }
        let database = try DataStore.open(
            DataDirectory.resolve(explicit: data, configured: configuration.dataDirectory),
            logger: logger
        )
        let engine = ConversationEngine(
            assistant: setup.assistant,
            database: database,
            roles: configuration.roles,
            snippetSettings: configuration.snippets,
            logger: logger
        )
        let transport = CurlTransport()
        let runtimeMetrics = RuntimeMetrics()
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
                    metrics: runtimeMetrics
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
        services.append(.init(service: HousekeepingService(housekeeping, logger: logger)))
        let knowledge = setup.assistant.knowledge
        if let today = KBCheckCommand.currentDate() {
            let overdue = OverdueReview.list(in: knowledge, on: today)
            if !overdue.isEmpty {
                // Article ids only: /healthz lists them too, with their review dates.
                logger.warning(
                    "articles past their review date; run 'prevent-assist kb check'",
                    metadata: ["articles": "\(overdue.map(\.articleID).joined(separator: ","))"]
                )
            }
        }
        if let address = metrics.flatMap(MonitoringAddress.init) {
            let server = MonitoringServer(address: address, metrics: runtimeMetrics, logger: logger) { [runners] in
                // Today's date on every request: an article falls overdue while the service runs.
                ServiceHealth(
                    runners: runners,
                    reviewsOverdue: KBCheckCommand.currentDate().map { OverdueReview.list(in: knowledge, on: $0) } ?? []
                )
            }
            // The endpoint failing to bind is a configuration fault: stop everything and say so.
            services.append(.init(service: server, failureTerminationBehavior: .gracefullyShutdownGroup))
        }
        let group = ServiceGroup(
            configuration: .init(
                services: services,
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        logger.info("serving", metadata: ["platforms": "\(configuration.platforms.map(\.id).joined(separator: ","))"])
        try await group.run()
    }

    /// Prints each account's state; exits 1 when one is not ready.
    private func checkPlatforms(_ accounts: [PlatformAccount], database: AppDatabase) async throws {
        let results = await PlatformCheck.run(
            accounts,
            database: database,
            transport: CurlTransport(),
            environment: ProcessInfo.processInfo.environment
        )
        for result in results {
            let name = "\(result.account.id) (\(result.account.kind))"
            if let failure = result.failure {
                print("✗ \(name): \(failure)")
            } else {
                print("✓ \(name): ready")
                for warning in result.warnings { print("  ! \(warning)") }
            }
        }
        guard results.allSatisfy(\.isReady) else { throw ExitCode(1) }
    }
}
