import ArgumentParser
import Foundation
import Logging
import RelayServer
import ServiceLifecycle
import UnixSignals

/// `prevent-assist relay --config relay.yaml`: the webhook relay for Teams and Slack (and Mattermost/Zulip
/// outgoing webhooks), until SIGTERM or SIGINT. See docs/deployment-relay.md.
struct RelayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay",
        abstract: "Run the webhook relay the bot polls (for Teams and Slack behind a firewall).",
        discussion: """
            Receives and verifies the platforms' webhooks, queues them in relay.sqlite in the data directory, and \
            serves them to the bot's long-poll (GET /v1/updates). Runs in the DMZ behind a TLS-terminating reverse \
            proxy; secrets come from the environment variables relay.yaml names. See relay.example.yaml.
            """
    )

    @Option(name: .long, help: "The relay's configuration file.")
    var config: String = "relay.yaml"

    func run() async throws {
        let logger = CommandLogging.logger()
        let settings: RelaySettings
        do {
            settings = try RelayConfigurationFile.load(
                URL(fileURLWithPath: config),
                environment: ProcessInfo.processInfo.environment
            )
        } catch let problem as RelayConfigurationFile.Problem {
            throw ValidationError("\(config): \(problem)")
        }
        let server = try RelayServer(settings: settings, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: server)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        logger.info("relay starting", metadata: ["listen": "\(settings.host):\(settings.port)"])
        try await group.run()
    }
}
