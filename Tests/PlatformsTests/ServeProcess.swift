import Foundation
import PreventAssistTesting

/// `prevent-assist serve` started as a separate process by the tests, with the shared trained model.
enum ServeProcess {
    /// The `prevent-assist` binary beside the test bundle, or the debug build's.
    static var binary: URL {
        let beside = Bundle.main.bundleURL.appendingPathComponent("prevent-assist")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return SynapseFixture.repository.appendingPathComponent(".build/debug/prevent-assist")
    }

    /// Starts `serve --config config` plus `arguments`, with `environment` added to this process's.
    static func start(config: URL, arguments: [String] = [], environment: [String: String]) async throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--config", config.path] + arguments
        var combined = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        combined["PREVENT_ASSIST_LOG_LEVEL"] = combined["PA_TEST_LOG"] == nil ? "error" : "debug"
        _ = try await SharedAssistant.setup.get()  // trains into the shared cache once, before the binary starts
        combined["PREVENT_ASSIST_MODEL_CACHE"] = SharedAssistant.modelCache.path
        process.environment = combined
        process.standardOutput = FileHandle.nullDevice
        // Never the test's own pipes: a server left running would keep `swift test` waiting for end of file.
        process.standardError = combined["PA_TEST_LOG"] == nil ? FileHandle.nullDevice : FileHandle.standardError
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `prevent-assist` with `arguments` to the end; its exit status and output.
    static func run(_ arguments: [String], environment: [String: String]) async throws -> ProcessOutput {
        try await ProcessOutput.run(
            binary,
            arguments,
            environment: ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        )
    }
}
