import ArgumentParser
import AssistantService
import Foundation
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

    func setup() throws -> AssistantSetup {
        let root = try ContentLocator().knowledgeRoot(explicit: kb)
        return try AssistantSetup.load(
            knowledgeRoot: root,
            configurationFile: AssistantSetup.configurationFile(explicit: config),
            logger: CommandLogging.logger()
        )
    }
}
