public import Foundation

/// A command run to its end with its output captured, for tests that drive the `prevent-assist` binary.
public struct ProcessOutput: Sendable {
    public let status: Int32
    public let output: String
    public let error: String

    /// Runs `executable` with `arguments` and `environment` (the whole environment), writing `input` to its
    /// standard input (then closing it) and reading both outputs to their end.
    public static func run(
        _ executable: URL,
        _ arguments: [String],
        environment: [String: String],
        input: String? = nil,
        directory: URL? = nil
    ) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
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
        return ProcessOutput(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self)
        )
    }
}
