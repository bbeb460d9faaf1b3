import Crypto
import Foundation

/// Seals and opens sensitive values with AES-GCM. Each value is bound to where it belongs (`context`, e.g.
/// `concern PC-2026-0001 field what_happened`) as additional authenticated data, so a value copied to another row
/// fails to open, like a changed one.
///
/// Layout: `0x01` (format), the 8-byte key id, then AES-GCM's combined nonce, ciphertext and tag.
struct FieldCipher: Sendable {
    let key: EncryptionKey
    private static let format: UInt8 = 1

    func seal(_ plaintext: String, context: String) throws(StorageError) -> Data {
        do {
            let box = try AES.GCM.seal(Data(plaintext.utf8), using: key.key, authenticating: Data(context.utf8))
            guard let combined = box.combined else { throw StorageError.invalid("AES-GCM produced no output") }
            return Data([Self.format]) + Self.keyIDBytes(key.id) + combined
        } catch let error as StorageError {
            throw error
        } catch {
            throw .invalid("could not encrypt: \(error)")
        }
    }

    func open(_ sealed: Data, context: String) throws(StorageError) -> String {
        guard sealed.count > 9 + 28, sealed.first == Self.format else { throw .tampered(context) }
        let storedKeyID = sealed.dropFirst().prefix(8).map { String(format: "%02x", $0) }.joined()
        guard storedKeyID == key.id else { throw .wrongKey(expected: key.id, found: storedKeyID) }
        do {
            let box = try AES.GCM.SealedBox(combined: sealed.dropFirst(9))
            let plaintext = try AES.GCM.open(box, using: key.key, authenticating: Data(context.utf8))
            guard let text = String(data: plaintext, encoding: .utf8) else { throw StorageError.tampered(context) }
            return text
        } catch {
            throw .tampered(context)
        }
    }

    /// A keyed hash of a chat identity, to find a reporter's records without storing who they are in the clear.
    func lookupKey(_ identity: String) -> String {
        let derived = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: key.key,
            info: Data("prevent-assist reporter lookup".utf8),
            outputByteCount: 32
        )
        return HMAC<SHA256>.authenticationCode(for: Data(identity.utf8), using: derived)
            .map { String(format: "%02x", $0) }.joined()
    }

    private static func keyIDBytes(_ id: String) -> Data {
        var bytes = Data()
        var index = id.startIndex
        while index < id.endIndex, let next = id.index(index, offsetBy: 2, limitedBy: id.endIndex) {
            bytes.append(UInt8(id[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }
}
