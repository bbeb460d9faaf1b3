/// An error the service reports to the person running it, with a message that says what to do.
public struct ServiceError: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
