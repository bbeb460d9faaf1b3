import Crypto
public import Foundation

/// This institution's Ed25519 key for signing exported snippet bundles (swift-crypto `Curve25519.Signing`).
///
/// It comes from the environment variable the configuration names (`snippets.signing_key_env`, base64 of the 32-byte
/// private key), else from a key file in the data directory, created with mode 0600 on first use.
public struct SnippetSigningKey: Sendable {
    private let raw: Data

    /// Reads a base64 private key of exactly 32 bytes.
    public init(base64: String) throws(StorageError) {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)),
            (try? Curve25519.Signing.PrivateKey(rawRepresentation: data)) != nil
        else {
            throw .badKey("the snippet signing key must be base64 of a 32-byte Ed25519 private key")
        }
        raw = data
    }

    private init(raw: Data) {
        self.raw = raw
    }

    /// A new random key.
    public static func generate() -> SnippetSigningKey {
        SnippetSigningKey(raw: Curve25519.Signing.PrivateKey().rawRepresentation)
    }

    /// Base64 of the 32-byte public key: what other institutions put in their `trusted_institutions`.
    public var publicKeyBase64: String {
        (try? Curve25519.Signing.PrivateKey(rawRepresentation: raw))?.publicKey.rawRepresentation
            .base64EncodedString() ?? ""
    }

    /// Signs `data`; the signature in base64.
    func sign(_ data: Data) throws(StorageError) -> String {
        do {
            return try Curve25519.Signing.PrivateKey(rawRepresentation: raw).signature(for: data).base64EncodedString()
        } catch {
            throw .badKey("cannot sign with the snippet signing key: \(error)")
        }
    }

    /// Loads the key from `environment[variable]` when a variable is named and set, else from `keyFile`, creating it
    /// (mode 0600, never replacing a file) only when it does not exist; see ``KeyFile``.
    public static func load(
        variable: String?,
        environment: [String: String],
        keyFile: URL
    ) throws(StorageError) -> SnippetSigningKey {
        if let variable {
            guard let value = environment[variable], !value.isEmpty else {
                throw .badKey("the configuration names \(variable) for the snippet signing key, but it is not set")
            }
            return try SnippetSigningKey(base64: value)
        }
        switch try KeyFile.read(keyFile) {
        case .contents(let data):
            return try SnippetSigningKey(base64: String(decoding: data, as: UTF8.self))
        case .missing:
            let key = generate()
            try KeyFile.createNew(keyFile, contents: Data(key.raw.base64EncodedString().utf8))
            return key
        }
    }
}
