import Foundation

/// The JSON the relay reads to verify a Bot Framework token, typed and decoded leniently: a field of the wrong type
/// reads as missing, so the check that needs it refuses the token.
enum JWTWire {
    /// A JWT's header: the signing key's id and the algorithm.
    struct Header: Decodable {
        let kid: String?
        let alg: String?

        private enum CodingKeys: String, CodingKey { case kid, alg }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            kid = try? container.decodeIfPresent(String.self, forKey: .kid)
            alg = try? container.decodeIfPresent(String.self, forKey: .alg)
        }
    }

    /// A JWT's claims: issuer, audience (one or a list), expiry and start as whole Unix seconds, the service URL.
    struct Payload: Decodable {
        let iss: String?
        let audiences: [String]
        let exp: Int64?
        let nbf: Int64?
        let serviceURL: String?

        private enum CodingKeys: String, CodingKey { case iss, aud, exp, nbf, serviceurl, serviceUrl }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            iss = try? container.decodeIfPresent(String.self, forKey: .iss)
            if let single = try? container.decode(String.self, forKey: .aud) {
                audiences = [single]
            } else {
                audiences = (try? container.decodeIfPresent([String].self, forKey: .aud)) ?? []
            }
            exp = Self.seconds(container, .exp)
            nbf = Self.seconds(container, .nbf)
            serviceURL =
                (try? container.decodeIfPresent(String.self, forKey: .serviceurl))
                ?? (try? container.decodeIfPresent(String.self, forKey: .serviceUrl)) ?? nil
        }

        /// A time claim as whole seconds: an integer, or a number with a fraction (rounded down) that fits; `1e300`,
        /// text and anything else is no time at all (so an `exp` like that is refused as expired).
        private static func seconds(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) -> Int64? {
            if let exact = try? container.decode(Int64.self, forKey: key) { return exact }
            guard let number = try? container.decode(Double.self, forKey: key), number.isFinite,
                abs(number) < 9.0e18
            else { return nil }
            return Int64(exactly: number.rounded(.down))
        }
    }

    /// A JSON Web Key Set: each key on its own (one that is not an object is left out).
    struct KeySet: Decodable {
        let keys: [Key]

        private enum CodingKeys: String, CodingKey { case keys }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            keys = try container.decode([OneKey].self, forKey: .keys).compactMap(\.key)
        }

        private struct OneKey: Decodable {
            let key: Key?

            init(from decoder: any Decoder) { key = try? Key(from: decoder) }
        }
    }

    struct Key: Decodable {
        let kty: String?
        let kid: String?
        let n: String?
        let e: String?
        let endorsements: [String]?

        private enum CodingKeys: String, CodingKey { case kty, kid, n, e, endorsements }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            kty = try? container.decodeIfPresent(String.self, forKey: .kty)
            kid = try? container.decodeIfPresent(String.self, forKey: .kid)
            n = try? container.decodeIfPresent(String.self, forKey: .n)
            e = try? container.decodeIfPresent(String.self, forKey: .e)
            endorsements = try? container.decodeIfPresent([String].self, forKey: .endorsements)
        }
    }

    /// The OpenID metadata document: where the key set is.
    struct OpenIDMetadata: Decodable {
        let jwksURI: String?

        private enum CodingKeys: String, CodingKey { case jwksURI = "jwks_uri" }

        init(from decoder: any Decoder) throws {
            jwksURI = try? decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .jwksURI)
        }
    }
}
