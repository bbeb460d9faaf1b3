import Crypto
public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The 256-bit key that seals concern fields and conversation drafts (AES-GCM).
///
/// It comes from `PREVENT_ASSIST_KEY` (base64 of 32 bytes) or, as the embedded default, from a key file created with
/// mode 0600 beside the database. The key id (the first 8 bytes of its SHA-256, in hex) is stored with every sealed
/// value, so a wrong key is reported as such instead of as corruption.
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

    /// Loads the key from `PREVENT_ASSIST_KEY`, else from `keyFile` (creating it with mode 0600 if missing).
    public static func load(
        environment: [String: String],
        keyFile: URL
    ) throws(StorageError) -> (key: EncryptionKey, origin: Origin) {
        if let value = environment[environmentVariable], !value.isEmpty {
            return (try EncryptionKey(base64: value), .environment(environmentVariable))
        }
        let manager = FileManager.default
        if let data = manager.contents(atPath: keyFile.path) {
            return (try EncryptionKey(base64: String(decoding: data, as: UTF8.self)), .keyFile(keyFile, created: false))
        }
        let key = generate()
        try key.write(to: keyFile)
        return (key, .keyFile(keyFile, created: true))
    }

    /// Renames `source` over `destination` atomically (POSIX rename), replacing it if it exists.
    public static func move(_ source: URL, over destination: URL) throws(StorageError) {
        guard rename(source.path, destination.path) == 0 else {
            throw .badKey("cannot move \(source.path) to \(destination.path): error \(errno)")
        }
    }

    /// Writes the key to `file` with mode 0600, atomically (it never exists with looser permissions).
    public func write(to file: URL) throws(StorageError) {
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).new")
        let manager = FileManager.default
        do {
            try? manager.removeItem(at: temporary)
            guard
                manager.createFile(
                    atPath: temporary.path,
                    contents: Data(base64.utf8),
                    attributes: [.posixPermissions: 0o600]
                )
            else { throw StorageError.badKey("cannot create \(temporary.path)") }
            try Self.move(temporary, over: file)
        } catch let error as StorageError {
            throw error
        } catch {
            throw .badKey("cannot write the key file \(file.path): \(error.localizedDescription)")
        }
    }
}
