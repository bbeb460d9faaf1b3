import Crypto
public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The 256-bit key that seals concern fields and conversation drafts (AES-GCM).
///
/// It comes from `PREVENT_ASSIST_KEY` (base64 of 32 bytes) or, as the embedded default, from a key file with mode
/// 0600 beside the database. The key id (the first 8 bytes of its SHA-256, in hex) is stored with every sealed
/// value, so a wrong key is reported as such instead of as corruption.
///
/// A key file is created only when it does not exist (and only when the caller says no data needs an earlier key);
/// an existing file is never replaced, and any other failure to read it stops the program with an error that says
/// what to fix, because a replaced key makes every record unreadable.
public struct EncryptionKey: Sendable {
    /// The raw key bytes (`SymmetricKey` is not `Sendable`, so one is made when needed).
    private let bytes: Data
    public let id: String

    var key: SymmetricKey { SymmetricKey(data: bytes) }

    /// Reads a base64 key of exactly 32 bytes.
    public init(base64: String) throws(StorageError) {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .badKey("not valid base64")
        }
        guard data.count == 32 else { throw .badKey("must be 32 bytes, got \(data.count)") }
        self.init(key: SymmetricKey(data: data))
    }

    init(key: SymmetricKey) {
        self.bytes = key.withUnsafeBytes { Data($0) }
        let digest = SHA256.hash(data: bytes)
        self.id = digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// A new random key.
    public static func generate() -> EncryptionKey { EncryptionKey(key: SymmetricKey(size: .bits256)) }

    public var base64: String { bytes.base64EncodedString() }

    /// Where the key came from.
    public enum Origin: Sendable, Hashable {
        case environment(String)
        case keyFile(URL, created: Bool)
    }

    /// The environment variable that holds the key.
    public static let environmentVariable = "PREVENT_ASSIST_KEY"

    /// Loads the key from `PREVENT_ASSIST_KEY`, else from `keyFile`. A missing key file is created (mode 0600) only
    /// when `mayCreate()` says so (asked only then, so nothing else is read when the key file is there); a key file
    /// that exists but cannot be read, or that others may read, is an error.
    public static func load(
        environment: [String: String],
        keyFile: URL,
        mayCreate: () throws(StorageError) -> Bool = { true }
    ) throws(StorageError) -> (key: EncryptionKey, origin: Origin) {
        if let value = environment[environmentVariable], !value.isEmpty {
            return (try EncryptionKey(base64: value), .environment(environmentVariable))
        }
        switch try KeyFile.read(keyFile) {
        case .contents(let data):
            return (try EncryptionKey(base64: String(decoding: data, as: UTF8.self)), .keyFile(keyFile, created: false))
        case .missing:
            guard try mayCreate() else {
                throw .badKey(
                    "\(keyFile.path) does not exist and \(environmentVariable) is not set, but the database holds "
                        + "records sealed with an earlier key. Restore the key file (or set \(environmentVariable)) "
                        + "from your key backup; a new key would make every record unreadable, so none was made."
                )
            }
            let key = generate()
            try key.create(keyFile)
            return (key, .keyFile(keyFile, created: true))
        }
    }

    /// Writes the key to `file`, a new file with mode 0600; fails if `file` exists (a key file is never replaced
    /// here: see ``replace(_:with:)``).
    public func create(_ file: URL) throws(StorageError) {
        try KeyFile.createNew(file, contents: Data(base64.utf8))
    }

    /// Replaces `destination` with `source` atomically (POSIX rename): only for key rotation, after every value was
    /// re-sealed with the key in `source`.
    public static func replace(_ destination: URL, with source: URL) throws(StorageError) {
        guard rename(source.path, destination.path) == 0 else {
            throw .badKey("cannot move \(source.path) to \(destination.path): \(String(cString: strerror(errno)))")
        }
    }
}
