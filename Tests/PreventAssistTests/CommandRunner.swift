import AssistantCore
import AssistantService
import Foundation
import KnowledgeLoader

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

    struct Result {
        let status: Int32
        let output: String
        let error: String
    }

    static func run(
        _ arguments: [String],
        input: String? = nil,
        directory: URL? = nil,
        environment extra: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = Repository.binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        environment["PREVENT_ASSIST_CONFIG"] = nil
        environment["PREVENT_ASSIST_KB"] = nil
        environment["PREVENT_ASSIST_KEY"] = nil
        // One trained model shared by every run.
        Self.warmCache
        environment["PREVENT_ASSIST_MODEL_CACHE"] = Self.modelCache.path
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self)
        )
    }
}
