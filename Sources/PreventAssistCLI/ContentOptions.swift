import ArgumentParser
import AssistantService
import CommandLineSupport
import Foundation
import KnowledgeLoader
import Logging

/// Where the knowledge base and the institution's configuration come from; shared by every command that answers.
struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: "Knowledge base folder with intents/ and knowledge/ (default: the shipped content).")
    var kb: String?

    @Option(
        name: .long,
        help: "Institution configuration file (default: $PREVENT_ASSIST_CONFIG, else ./prevent-assist.yaml if present)."
    )
    var config: String?

    /// Loads content and configuration and builds the assistant. The trained intent model is cached in the data
    /// directory (`--data`, else the configuration's, else the default; `PREVENT_ASSIST_MODEL_CACHE` overrides), so
    /// unchanged content is not retrained.
    /// `willTrain` runs when the model must be trained first (seconds, once per content change).
    func setup(
        data: String? = nil,
        matcher: AssistantSetup.MatcherKind? = nil,
        willTrain: () -> Void = {}
    ) throws -> AssistantSetup {
        let root = try ContentLocator().knowledgeRoot(explicit: kb)
        // Read once: it names the data directory and fills the content's placeholders.
        let configuration = try AssistantSetup.loadConfiguration(AssistantSetup.configurationFile(explicit: config))
        let directory = DataDirectory.resolve(explicit: data, configured: configuration.dataDirectory)
        try directory.prepare()
        let environment = ProcessInfo.processInfo.environment
        let cache =
            environment["PREVENT_ASSIST_MODEL_CACHE"].map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? directory.url.appendingPathComponent("cache", isDirectory: true)
        return try AssistantSetup.load(
            knowledgeRoot: root,
            configuration: configuration,
            matcher: matcher ?? .trained(cache: cache),
            logger: CommandLogging.logger(),
            willTrain: willTrain
        )
    }
}
