public import ArgumentParser
import CommandLineSupport
import Foundation
import Logging
import RelayServer
import ServiceLifecycle
import UnixSignals

/// The relay's command line, shared by `prevent-assist-relay` (the DMZ host's executable) and its alias
/// `prevent-assist relay`: `--config relay.yaml` runs the webhook relay until SIGTERM or SIGINT; `--check` reads the
/// configuration and reports every problem (with its line) without starting. See docs/deployment-relay.md.
public struct RelayOptions: ParsableArguments {
    /// What `--help` says under the usage line, for both names of the command.
    public static let discussion = """
        Receives and verifies the platforms' webhooks, queues them in relay.sqlite in the data directory, and \
        serves them to the bot's long-poll (GET /v1/updates). Runs in the DMZ behind a TLS-terminating reverse \
        proxy; secrets come from the environment variables relay.yaml names. See relay.example.yaml. \
        With --check, reports every problem in the configuration (with line numbers) and exits non-zero if \
        there is any, without starting.
        """

    @Option(name: .long, help: "The relay's configuration file.")
    var config: String = "relay.yaml"

    @Flag(name: .long, help: "Check the configuration, report every problem with its line, and exit.")
    var check = false

    /// The queue's commit design; only `bench/relay-load` changes it, to measure the old design beside the new.
    @Option(name: .long, help: .hidden)
    var queueDesign: String = RelayQueue.CommitDesign.batched.rawValue

    public init() {}

    /// Checks the configuration, then (unless `--check`) runs the relay until SIGTERM or SIGINT.
    public func run() async throws {
        let logger = CommandLogging.logger(label: "prevent-assist-relay")
        guard let design = RelayQueue.CommitDesign(rawValue: queueDesign) else {
            throw ValidationError("--queue-design must be one of \(RelayQueue.CommitDesign.allCases.map(\.rawValue))")
        }
        var settings: RelaySettings
        do {
            settings = try RelayConfigurationFile.load(
                URL(fileURLWithPath: config),
                environment: ProcessInfo.processInfo.environment
            )
        } catch {
            for problem in error.problems {
                let place = problem.line.map { "\(config):\($0)" } ?? config
                FileHandle.standardError.write(Data("\(place): error: \(problem.message)\n".utf8))
            }
            FileHandle.standardError.write(Data("\(error.problems.count) problem(s) in \(config)\n".utf8))
            throw ExitCode(1)
        }
        if check {
            print("\(config): ok (listen \(settings.host):\(settings.port))")
            return
        }
        settings.queueDesign = design
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
