public import AssistantCore

/// A content or configuration file that could not be read: which file, which line, and what is wrong.
public struct KnowledgeLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    public let location: SourceLocation
    public let message: String

    public init(_ message: String, at location: SourceLocation) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}
