import AssistantCore
import AssistantService
import Foundation
import KnowledgeLoader
import PreventAssistTesting

/// Runs the built `prevent-assist` binary as a person would, with optional standard input.
struct CommandRunner {
    /// Waits until the shared cache holds the shipped content's model (trained once per test process, on a thread
    /// of its own), so binaries started at the same time do not each train it on a 2-core machine.
    static func warmCache() async { _ = await SharedAssistant.setup }

    typealias Result = ProcessOutput

    static func run(
        _ arguments: [String],
        input: String? = nil,
        directory: URL? = nil,
        environment extra: [String: String] = [:]
    ) async throws -> Result {
        var environment = ProcessInfo.processInfo.environment
        environment["PREVENT_ASSIST_CONFIG"] = nil
        environment["PREVENT_ASSIST_KB"] = nil
        environment["PREVENT_ASSIST_KEY"] = nil
        // One trained model shared by every run.
        await warmCache()
        environment["PREVENT_ASSIST_MODEL_CACHE"] = SharedAssistant.modelCache.path
        environment.merge(extra) { _, new in new }
        return try await ProcessOutput.run(
            Repository.binary,
            arguments,
            environment: environment,
            input: input,
            directory: directory
        )
    }
}
