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
        environment extra: [String: String] = [:],
        executable: URL = Repository.binary
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
            executable,
            arguments,
            environment: environment,
            input: input,
            directory: directory
        )
    }
}

/// The host user the tests run as, as the `concerns` commands name it, and configurations that give it a role.
enum HostRoles {
    /// `cli:<login name>` of this process's effective user, as `HostIdentity` computes it in the binary.
    static var identity: String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "cli:uid-\(geteuid())" }
        return "cli:" + String(cString: name)
    }

    /// Writes a configuration naming this host user (and `extra` identities) under `role`, plus `more` YAML.
    static func config(
        in directory: URL,
        role: String = "safeguarding_leads",
        extra: [String] = [],
        more: String = "",
        name: String = "prevent-assist.yaml"
    ) throws -> URL {
        let identities = ([identity] + extra).map { "\"\($0)\"" }.joined(separator: ", ")
        let file = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(("roles:\n  \(role): [\(identities)]\n" + more).utf8).write(to: file)
        return file
    }
}
