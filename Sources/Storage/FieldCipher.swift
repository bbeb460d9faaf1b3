import Crypto
import Foundation

/// Seals and opens sensitive values with AES-GCM. Each value is bound to where it belongs (`context`, e.g.
/// `concern PC-2026-0001 field what_happened`) as additional authenticated data, so a value copied to another row
/// fails to open, like a changed one.
///
/// Layout: a format byte, the 8-byte key id, then AES-GCM's combined nonce, ciphertext and tag. Format 2 (written
/// now) seals the text padded to a fixed bucket (``paddedLength(_:)``: 4-byte length, the text, zeros), so the
/// length of a sealed value says nothing about which of a few choices it holds; format 1 (unpadded, written by
/// earlier versions) still opens.
struct FieldCipher: Sendable {
    let key: EncryptionKey
    private static let format: UInt8 = 2
    private static let unpaddedFormat: UInt8 = 1

    func seal(_ plaintext: String, context: String) throws(StorageError) -> Data {
        do {
            let box = try AES.GCM.seal(
                Self.pad(Data(plaintext.utf8)),
                using: key.key,
                authenticating: Data(context.utf8)
            )
            guard let combined = box.combined else { throw StorageError.invalid("AES-GCM produced no output") }
            return Data([Self.format]) + Self.keyIDBytes(key.id) + combined
        } catch let error as StorageError {
            throw error
        } catch {
            throw .invalid("could not encrypt: \(error)")
        }
    }

    func open(_ sealed: Data, context: String) throws(StorageError) -> String {
        guard sealed.count > 9 + 28, let format = sealed.first, format == Self.format || format == Self.unpaddedFormat
        else { throw .tampered(context) }
        let storedKeyID = Self.keyID(of: sealed)
        guard storedKeyID == key.id else { throw .wrongKey(expected: key.id, found: storedKeyID ?? "unknown") }
        let plaintext: Data
        do {
            let box = try AES.GCM.SealedBox(combined: sealed.dropFirst(9))
            plaintext = try AES.GCM.open(box, using: key.key, authenticating: Data(context.utf8))
        } catch {
            throw .tampered(context)
        }
        guard let bytes = format == Self.format ? Self.unpad(plaintext) : plaintext,
            let text = String(data: bytes, encoding: .utf8)
        else { throw .tampered(context) }
        return text
    }

    /// The key id a sealed value names (hex), without opening it.
    static func keyID(of sealed: Data) -> String? {
        guard sealed.count > 9 else { return nil }
        return sealed.dropFirst().prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// A keyed hash of a chat identity, to find a reporter's records without storing who they are in the clear.
    func lookupKey(_ identity: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(identity.utf8), using: derivedKey("prevent-assist reporter lookup"))
            .map { String(format: "%02x", $0) }.joined()
    }

    /// A key for one purpose, derived from the store key.
    func derivedKey(_ purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key.key, info: Data(purpose.utf8), outputByteCount: 32)
    }

    /// The padded length for `count` bytes of text (plus its 4-byte length): 64 bytes, then powers of two up to
    /// 4 KiB, then whole multiples of 4 KiB.
    static func paddedLength(_ count: Int) -> Int {
        let needed = count + 4
        if needed <= 64 { return 64 }
        if needed <= 4096 {
            var size = 64
            while size < needed { size *= 2 }
            return size
        }
        return (needed + 4095) / 4096 * 4096
    }

    private static func pad(_ text: Data) -> Data {
        var length = UInt32(text.count).bigEndian
        var padded = Data(bytes: &length, count: 4)
        padded.append(text)
        padded.append(Data(count: paddedLength(text.count) - padded.count))
        return padded
    }

    private static func unpad(_ padded: Data) -> Data? {
        guard padded.count >= 4 else { return nil }
        let length = padded.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        guard length <= padded.count - 4 else { return nil }
        return padded.dropFirst(4).prefix(length)
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
