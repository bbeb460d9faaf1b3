public import Foundation

/// A fresh directory under the system's temporary folder, removed when the test is done with it.
///
/// ```swift
/// try TemporaryDirectory.with { directory in
///     try "text".write(to: directory.url.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
/// }
/// ```
public struct TemporaryDirectory: Sendable {
    public let url: URL

    /// Creates an empty directory.
    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "prevent-assist-test-\(UUID().uuidString)",
            isDirectory: true
        )
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Runs `body` with a new directory and removes the directory afterwards, whatever happens.
    public static func with<Result>(_ body: (TemporaryDirectory) throws -> Result) throws -> Result {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        return try body(directory)
    }

    /// The async form of ``with(_:)``.
    public static func asyncWith<Result>(_ body: (TemporaryDirectory) async throws -> Result) async throws -> Result {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        return try await body(directory)
    }

    /// Writes `text` to `path` (relative to the directory), creating parent folders.
    @discardableResult
    public func write(_ text: String, to path: String) throws -> URL {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try Data(text.utf8).write(to: file)
        return file
    }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
