import Crypto
public import Foundation

/// Slack's request signing (`v0`): `X-Slack-Signature: v0=` + hex(HMAC-SHA256(signing secret,
/// `v0:<X-Slack-Request-Timestamp>:<raw body>`)). Requests more than five minutes from now are refused, so a
/// captured request cannot be replayed later. Pure: the clock is a parameter.
public enum SlackSignature {
    /// How far a request's timestamp may be from now, in seconds.
    public static let maximumAge: Int64 = 300

    /// The `X-Slack-Signature` value for `body` sent at `timestamp`.
    public static func signature(secret: String, timestamp: String, body: Data) -> String {
        var message = Data("v0:\(timestamp):".utf8)
        message.append(body)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return "v0=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// Checks a request's signature headers against its raw body at `now` (Unix seconds).
    public static func verify(
        secret: String,
        timestamp: String?,
        signature: String?,
        body: Data,
        now: Int64
    ) -> Result<Void, RelayRefusal> {
        guard let timestamp, let signature else {
            return .failure(.unauthenticated("Slack signature headers missing"))
        }
        guard let seconds = Int64(timestamp), abs(now - seconds) <= maximumAge else {
            return .failure(.unauthenticated("Slack timestamp missing or more than 5 minutes away"))
        }
        let expected = Self.signature(secret: secret, timestamp: timestamp, body: body)
        guard ConstantTime.equal(expected, signature) else {
            return .failure(.unauthenticated("Slack signature does not match"))
        }
        return .success(())
    }
}
