import Crypto
import Foundation
import RelayServer
import _CryptoExtras

/// Signs Bot Framework JWTs with a locally generated RSA key and publishes its public half as a JWKS.
struct TestSigner: Sendable {
    let keyID: String
    let privateKey: _RSA.Signing.PrivateKey
    let endorsements: [String]

    init(keyID: String = "test-key-1", endorsements: [String] = ["msteams"]) throws {
        self.keyID = keyID
        self.endorsements = endorsements
        privateKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
    }

    /// `{"keys":[…]}` with this signer's public key.
    func keySet() throws -> Data {
        let primitives = try privateKey.publicKey.getKeyPrimitives()
        let key: [String: Any] = [
            "kty": "RSA", "use": "sig", "kid": keyID,
            "n": Base64URL.encode(primitives.modulus), "e": Base64URL.encode(primitives.publicExponent),
            "endorsements": endorsements,
        ]
        return try JSONSerialization.data(withJSONObject: ["keys": [key]])
    }

    /// A signed token; `claims` override the defaults (valid for an hour from `now`).
    func token(
        appID: String,
        serviceURL: String,
        now: Int64 = Int64(Date().timeIntervalSince1970),
        overriding claims: [String: Any] = [:]
    ) throws -> String {
        var payload: [String: Any] = [
            "iss": "https://api.botframework.com", "aud": appID, "serviceurl": serviceURL,
            "nbf": now - 10, "exp": now + 3600,
        ]
        payload.merge(claims) { _, new in new }
        let header = try JSONSerialization.data(withJSONObject: ["alg": "RS256", "kid": keyID, "typ": "JWT"])
        let body = try JSONSerialization.data(withJSONObject: payload)
        let input = Base64URL.encode(header) + "." + Base64URL.encode(body)
        let signature = try privateKey.signature(for: SHA256.hash(data: Data(input.utf8)), padding: .insecurePKCS1v1_5)
        return input + "." + Base64URL.encode(signature.rawRepresentation)
    }
}
