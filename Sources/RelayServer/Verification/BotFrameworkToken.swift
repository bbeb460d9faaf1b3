import Crypto
import Foundation
import _CryptoExtras

/// The bearer JWT the Bot Framework sends with each activity, and its checks (Bot Connector authentication,
/// "Connector to bot"): RS256 signed by a key of the OpenID metadata's key set, issuer `https://api.botframework.com`,
/// audience the bot's app id, within its validity period allowing five minutes of clock skew, a `serviceUrl` claim
/// equal to the activity's `serviceUrl`, and the key endorsed for the activity's channel when the key set says.
/// Pure: keys and clock are parameters; fetching the keys is ``BotFrameworkKeyCache``'s job.
public struct BotFrameworkToken: Sendable {
    /// The issuer the Bot Framework signs as.
    public static let issuer = "https://api.botframework.com"
    /// Clock skew allowed on `exp` and `nbf`, in seconds.
    public static let clockSkew: Int64 = 300

    /// The key id (`kid`) from the token's header.
    public let keyID: String
    let algorithm: String
    let signingInput: Data
    let signature: Data
    let claims: Claims

    /// The claims the relay checks.
    public struct Claims: Sendable, Hashable {
        public let issuer: String?
        public let audiences: [String]
        public let expires: Int64?
        public let notBefore: Int64?
        public let serviceURL: String?
    }

    /// Reads `Authorization: Bearer <JWT>`; a missing or malformed token is 401.
    public static func parse(authorization: String?) -> Result<BotFrameworkToken, RelayRefusal> {
        guard let authorization, authorization.hasPrefix("Bearer ") else {
            return .failure(.unauthenticated("Bot Framework bearer token missing"))
        }
        let parts = authorization.dropFirst("Bearer ".count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Base64URL.decode(parts[0]),
            let payloadData = Base64URL.decode(parts[1]), let signature = Base64URL.decode(parts[2]),
            let header = try? JSONDecoder().decode(JWTWire.Header.self, from: headerData),
            let payload = try? JSONDecoder().decode(JWTWire.Payload.self, from: payloadData),
            let keyID = header.kid, let algorithm = header.alg
        else { return .failure(.unauthenticated("Bot Framework token malformed")) }
        let claims = Claims(
            issuer: payload.iss,
            audiences: payload.audiences,
            expires: payload.exp,
            notBefore: payload.nbf,
            serviceURL: payload.serviceURL
        )
        return .success(
            BotFrameworkToken(
                keyID: keyID,
                algorithm: algorithm,
                signingInput: Data("\(parts[0]).\(parts[1])".utf8),
                signature: signature,
                claims: claims
            )
        )
    }

    /// Verifies the signature with the key named by ``keyID`` among `keys` (401 when absent or wrong), then the
    /// claims (403 when the token is genuine but not for this bot, this activity or this time).
    public func verify(
        keys: [JSONWebKey],
        appID: String,
        serviceURL: String?,
        channelID: String?,
        now: Int64
    ) -> Result<Claims, RelayRefusal> {
        guard algorithm == "RS256" else { return .failure(.unauthenticated("Bot Framework token not RS256")) }
        guard let key = keys.first(where: { $0.keyID == keyID }) else {
            return .failure(.unauthenticated("Bot Framework token signed by an unknown key"))
        }
        let valid = key.publicKey.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: signature),
            for: SHA256.hash(data: signingInput),
            padding: .insecurePKCS1v1_5
        )
        guard valid else { return .failure(.unauthenticated("Bot Framework token signature invalid")) }
        guard claims.issuer == Self.issuer else { return .failure(.forbidden("Bot Framework token issuer wrong")) }
        guard claims.audiences.contains(appID) else {
            return .failure(.forbidden("Bot Framework token audience is not this bot's app id"))
        }
        // The skew goes on `now` (our clock, sane), never on a claim: `Int64.max + skew` would trap.
        guard let expires = claims.expires, now - Self.clockSkew <= expires else {
            return .failure(.forbidden("Bot Framework token expired"))
        }
        if let notBefore = claims.notBefore, now + Self.clockSkew < notBefore {
            return .failure(.forbidden("Bot Framework token not yet valid"))
        }
        guard let serviceURL, claims.serviceURL == serviceURL else {
            return .failure(.forbidden("Bot Framework token serviceUrl does not match the activity"))
        }
        if !key.endorsements.isEmpty, let channelID, !key.endorsements.contains(channelID) {
            return .failure(.forbidden("Bot Framework signing key not endorsed for channel"))
        }
        return .success(claims)
    }
}
