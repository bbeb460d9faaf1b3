import Crypto
public import Foundation

/// A Microsoft Teams outgoing webhook's signature: `Authorization: HMAC <base64(HMAC-SHA256(key, raw body))>`,
/// where the key is the base64-decoded security token Teams showed when the webhook was created. Pure.
public enum TeamsWebhookSignature {
    /// The `Authorization` header value Teams would send for `body`; `nil` when the token is not base64.
    public static func authorization(securityToken: String, body: Data) -> String? {
        guard let key = Data(base64Encoded: securityToken) else { return nil }
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: key))
        return "HMAC " + Data(code).base64EncodedString()
    }

    /// Checks the `Authorization` header against the raw body (never a re-serialised copy of it).
    public static func verify(securityToken: String, authorization: String?, body: Data) -> Result<Void, RelayRefusal> {
        guard let authorization, authorization.hasPrefix("HMAC ") else {
            return .failure(.unauthenticated("Teams HMAC authorization missing"))
        }
        guard let expected = Self.authorization(securityToken: securityToken, body: body) else {
            return .failure(.unauthenticated("the configured Teams security token is not base64"))
        }
        guard ConstantTime.equal(expected, authorization) else {
            return .failure(.unauthenticated("Teams HMAC does not match"))
        }
        return .success(())
    }
}
