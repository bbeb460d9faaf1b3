public import Foundation
import _CryptoExtras

/// One RSA signing key from a JSON Web Key Set (`{"keys":[{"kty":"RSA","kid":…,"n":…,"e":…,"endorsements":[…]}]}`),
/// the form the Bot Framework's OpenID metadata points to with `jwks_uri`.
public struct JSONWebKey: Sendable {
    public let keyID: String
    /// The channels this key may sign for (Bot Framework `endorsements`); empty when the set does not say.
    public let endorsements: [String]
    let publicKey: _RSA.Signing.PublicKey

    /// The RSA keys of a key set; keys of other types, or malformed ones, are left out.
    public static func keySet(from data: Data) -> [JSONWebKey] {
        guard let keySet = try? JSONDecoder().decode(JWTWire.KeySet.self, from: data) else { return [] }
        return keySet.keys.compactMap { key in
            guard key.kty == "RSA", let keyID = key.kid, let modulus = key.n.flatMap({ Base64URL.decode($0) }),
                let exponent = key.e.flatMap({ Base64URL.decode($0) }),
                let publicKey = try? _RSA.Signing.PublicKey(n: modulus, e: exponent)
            else { return nil }
            return JSONWebKey(keyID: keyID, endorsements: key.endorsements ?? [], publicKey: publicKey)
        }
    }
}
