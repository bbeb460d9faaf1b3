import ArgumentParser
import AssistantCore
import AssistantService
import CommandLineSupport
import Foundation
import KnowledgeLoader
import Logging
import MonitoringEndpoint
import ServiceLifecycle

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
        let logger = CommandLogging.logger()
        if check {
            // The platforms only: no content is loaded and no model trained.
            let configuration = try AssistantSetup.loadConfiguration(
                AssistantSetup.configurationFile(explicit: content.config)
            )
            try Self.requirePlatforms(configuration)
            let results = try await AssistantRuntime.checkPlatforms(
                configuration,
                dataDirectory: DataDirectory.resolve(explicit: data, configured: configuration.dataDirectory),
                logger: logger
            )
            try Self.print(results)
            return
        }
        let setup = try content.setup(data: data)
        try Self.requirePlatforms(setup.configuration)
        let monitoring = metrics.flatMap(MonitoringAddress.init).map { address in
            { @Sendable metrics, health in
                MonitoringServer(address: address, metrics: metrics, logger: logger, health: health) as any Service
            } as AssistantRuntime.MonitoringFactory
        }
        try await AssistantRuntime.serve(
            setup: setup,
            dataDirectory: DataDirectory.resolve(explicit: data, configured: setup.configuration.dataDirectory),
            logger: logger,
            today: { KBCheckCommand.currentDate() },
            monitoring: monitoring
        )
    }

    private static func requirePlatforms(_ configuration: InstitutionConfiguration) throws {
        guard !configuration.platforms.isEmpty else {
            throw ValidationError("no platforms are configured: add a 'platforms:' list to the configuration")
        }
    }

    /// Prints each account's state; exits 1 when one is not ready.
    private static func print(_ results: [PlatformCheck.Result]) throws {
        for result in results {
            let name = "\(result.account.id) (\(result.account.kind))"
            if let failure = result.failure {
                Swift.print("✗ \(name): \(failure)")
            } else {
                Swift.print("✓ \(name): ready")
                for warning in result.warnings { Swift.print("  ! \(warning)") }
            }
        }
        guard results.allSatisfy(\.isReady) else { throw ExitCode(1) }
    }
}
