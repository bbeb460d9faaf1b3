public import Foundation

/// A signed bundle of good-practice snippets for another institution: JSON with the format, the institution's name
/// and Ed25519 public key, the snippets, and a signature over the canonical bytes of everything else.
///
/// Canonical form: JSON with sorted keys, no insignificant whitespace and unescaped slashes. The file itself is the
/// canonical form of the whole bundle, so any changed byte is caught: either the file is no longer canonical, or its
/// content no longer matches the signature.
public struct SnippetBundle: Sendable, Hashable, Codable {
    /// One exported snippet.
    public struct Item: Sendable, Hashable, Codable {
        /// The snippet's id at the exporting institution.
        public let id: String
        public let title: String
        public let whatWasDone: String
        public let whyItWorked: String
        public let tags: [String]
        public let contact: String?

        enum CodingKeys: String, CodingKey {
            case id, title, tags, contact
            case whatWasDone = "what_was_done"
            case whyItWorked = "why_it_worked"
        }

        public init(
            id: String,
            title: String,
            whatWasDone: String,
            whyItWorked: String,
            tags: [String],
            contact: String?
        ) {
            self.id = id
            self.title = title
            self.whatWasDone = whatWasDone
            self.whyItWorked = whyItWorked
            self.tags = tags
            self.contact = contact
        }
    }

    /// What is signed: everything but the signature.
    struct Payload: Codable {
        let format: String
        let institution: String
        let publicKey: String
        let created: String
        let snippets: [Item]

        enum CodingKeys: String, CodingKey {
            case format, institution, created, snippets
            case publicKey = "public_key"
        }
    }

    /// The format this version writes and reads.
    public static let formatName = "prevent-assist-snippets/1"

    public let format: String
    public let institution: String
    /// Base64 of the 32-byte Ed25519 public key.
    public let publicKey: String
    /// When it was exported (YYYY-MM-DD).
    public let created: String
    public let snippets: [Item]
    /// Base64 Ed25519 signature of ``payloadBytes``.
    public let signature: String

    enum CodingKeys: String, CodingKey {
        case format, institution, created, snippets, signature
        case publicKey = "public_key"
    }

    public init(
        format: String = SnippetBundle.formatName,
        institution: String,
        publicKey: String,
        created: String,
        snippets: [Item],
        signature: String
    ) {
        self.format = format
        self.institution = institution
        self.publicKey = publicKey
        self.created = created
        self.snippets = snippets
        self.signature = signature
    }

    /// The canonical bytes the signature covers.
    public var payloadBytes: Data {
        get throws {
            try Self.encoder.encode(
                Payload(
                    format: format,
                    institution: institution,
                    publicKey: publicKey,
                    created: created,
                    snippets: snippets
                )
            )
        }
    }

    /// The file's bytes: the canonical JSON of the whole bundle and a final newline.
    public func fileBytes() throws -> Data {
        var data = try Self.encoder.encode(self)
        data.append(0x0A)
        return data
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
