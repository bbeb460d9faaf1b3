import Foundation
import HummingbirdOTP

/// Base32 decoding for reading the key the set-up page shows, as an authenticator app does.
enum DeskPolicyTestsSupport {
    static func decodeBase32(_ text: String) -> String? {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var buffer = 0
        var bits = 0
        var bytes: [UInt8] = []
        for character in text {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return String(bytes: bytes, encoding: .utf8)
    }
}

/// The code an authenticator app shows for `secret` at `time`.
enum HummingbirdOTPBridge {
    static func code(secret: String, at time: Int64) -> String {
        String(format: "%06d", TOTP(secret: secret).compute(date: Date(timeIntervalSince1970: TimeInterval(time))))
    }
}
