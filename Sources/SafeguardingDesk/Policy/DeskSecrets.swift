import Crypto
import Foundation

/// Random tokens and their hashes: session ids, CSRF tokens, set-up codes and TOTP secrets come from the system's
/// random source; the store keeps only SHA-256 of a session id or a set-up code.
public enum DeskSecrets {
    /// `bytes` random bytes as URL-safe base64 without padding.
    public static func token(bytes: Int = 32) -> String {
        let key = SymmetricKey(size: SymmetricKeySize(bitCount: bytes * 8))
        let data = key.withUnsafeBytes { Data($0) }
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A set-up code people can type: four groups of four from an alphabet without look-alikes.
    public static func setupCode() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        let groups = (0..<4).map { _ in
            String((0..<4).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
        }
        return groups.joined(separator: "-")
    }

    /// A TOTP secret: 20 characters of the base32 alphabet (the bytes the HMAC is keyed with are these characters).
    public static func totpSecret() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
    }

    /// RFC 4648 base32 of `bytes` without padding: how authenticator apps take a TOTP key.
    public static func base32(_ bytes: some Sequence<UInt8>) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var output = ""
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return output
    }

    /// Lower-case hex SHA-256 of `text`.
    public static func hash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
