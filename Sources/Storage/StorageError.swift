/// An error from the store, with a message that says what went wrong and what to do; never containing the content of
/// a concern.
public struct StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case badKey
        case wrongKey
        case tampered
        case notFound
        case accessDenied
        case invalid
        case database
    }

    private let code: Code
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func badKey(_ reason: String) -> Self { .init(.badKey, "encryption key: \(reason)") }
    static func wrongKey(expected: String, found: String) -> Self {
        .init(
            .wrongKey,
            "the data was encrypted with a different key (key id \(found); the key in use is \(expected)). "
                + "Set PREVENT_ASSIST_KEY to the key that was in use, or restore the key file."
        )
    }
    static func tampered(_ context: String) -> Self {
        .init(.tampered, "\(context) failed its integrity check: the stored data was changed or corrupted")
    }
    static func notFound(_ what: String) -> Self { .init(.notFound, "\(what) was not found") }
    static func accessDenied(_ why: String) -> Self { .init(.accessDenied, why) }
    static func invalid(_ why: String) -> Self { .init(.invalid, why) }
    static func database(_ error: any Error) -> Self { .init(.database, "database error: \(error)") }

    public var isWrongKey: Bool { code == .wrongKey }
    public var isTampered: Bool { code == .tampered }
    public var isAccessDenied: Bool { code == .accessDenied }
    public var isNotFound: Bool { code == .notFound }
}
