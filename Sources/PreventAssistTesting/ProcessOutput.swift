public import Foundation
import Synchronization

/// A command run to its end with its output captured, for tests that drive the `prevent-assist` binary.
public struct ProcessOutput: Sendable {
    public let status: Int32
    public let output: String
    public let error: String

    /// Runs `executable` with `arguments` and `environment` (the whole environment), writing `input` to its
    /// standard input (then closing it) and reading both outputs to their end, on a thread of its own
    /// (``OwnThread``).
    public static func run(
        _ executable: URL,
        _ arguments: [String],
        environment: [String: String],
        input: String? = nil,
        directory: URL? = nil
    ) async throws -> ProcessOutput {
        try await OwnThread.run {
            try runBlocking(executable, arguments, environment: environment, input: input, directory: directory)
        }
    }

    private static func runBlocking(
        _ executable: URL,
        _ arguments: [String],
        environment: [String: String],
        input: String?,
        directory: URL?
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
        // Standard error is read on a second thread: read one after the other, a child writing more than a pipe
        // holds (64 KiB) to the one not being read would wait for ever, and so would the test.
        let errorReader = ErrorReader(error.fileHandleForReading)
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errorReader.wait()
        process.waitUntilExit()
        return ProcessOutput(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self)
        )
    }
}

/// Reads a file handle to its end on a thread of its own.
private final class ErrorReader: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let data = Mutex(Data())

    init(_ handle: FileHandle) {
        Thread { [self] in
            let read = handle.readDataToEndOfFile()
            data.withLock { $0 = read }
            done.signal()
        }.start()
    }

    /// Blocks until the handle has reached its end; only called on a thread of ``OwnThread``.
    func wait() -> Data {
        done.wait()
        return data.withLock { $0 }
    }
}
