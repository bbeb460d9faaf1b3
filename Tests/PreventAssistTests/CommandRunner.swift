import AssistantCore
import AssistantService
import Foundation
import KnowledgeLoader
import PreventAssistTesting

/// Runs the built `prevent-assist` binary as a person would, with optional standard input.
struct CommandRunner {
    /// The model cache every run shares (keyed by the content, so it is never stale).
    static let modelCache = FileManager.default.temporaryDirectory
        .appendingPathComponent("prevent-assist-test-model-cache")

    /// Trains the shipped content's model into the shared cache once, before the first binary starts: otherwise
    /// every test's binary would train it at the same time on a 2-core machine.
    static let warmCache: Void = {
        _ = ModelCache(directory: modelCache).matcher(
            for: Repository.loaded.knowledgeBase.trainingExamples,
            vectors: TokenVectorsFile.load(near: Repository.root)
        )
    }()

    typealias Result = ProcessOutput

    static func run(
        _ arguments: [String],
        input: String? = nil,
        directory: URL? = nil,
        environment extra: [String: String] = [:]
    ) throws -> Result {
        var environment = ProcessInfo.processInfo.environment
        environment["PREVENT_ASSIST_CONFIG"] = nil
        environment["PREVENT_ASSIST_KB"] = nil
        environment["PREVENT_ASSIST_KEY"] = nil
        // One trained model shared by every run.
        Self.warmCache
        environment["PREVENT_ASSIST_MODEL_CACHE"] = Self.modelCache.path
        environment.merge(extra) { _, new in new }
        return try ProcessOutput.run(
            Repository.binary,
            arguments,
            environment: environment,
            input: input,
            directory: directory
        )
    }
}
