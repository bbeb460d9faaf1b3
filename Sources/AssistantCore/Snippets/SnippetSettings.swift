/// The configuration's `snippets` section: who moderates, where moderators are told of new snippets, the key this
/// institution signs exported bundles with, and whose bundles it accepts.
public struct SnippetSettings: Sendable, Hashable {
    /// Another institution whose signed bundles may be imported.
    public struct TrustedInstitution: Sendable, Hashable {
        public let name: String
        /// Base64 of the 32-byte Ed25519 public key (`prevent-assist snippets key` prints it).
        public let publicKey: String

        public init(name: String, publicKey: String) {
            self.name = name
            self.publicKey = publicKey
        }
    }

    /// Chat identities (`platform:id`, e.g. `console:alex`, `matrix:@alex:example.ac.uk`) who approve, edit and
    /// reject snippets.
    public let moderators: Set<String>
    /// The moderators' room per platform account id, for "new snippet waiting" notices (else each moderator is sent
    /// a direct message).
    public let moderatorRooms: [String: String]
    /// The environment variable holding this institution's signing key (base64 of 32 bytes), if set.
    public let signingKeyEnvironment: String?
    /// The key file's name in the data directory, used when no environment variable is configured.
    public let signingKeyFile: String
    public let trustedInstitutions: [TrustedInstitution]

    /// The default key file name.
    public static let defaultSigningKeyFile = "snippet-signing.key"

    public init(
        moderators: Set<String> = [],
        moderatorRooms: [String: String] = [:],
        signingKeyEnvironment: String? = nil,
        signingKeyFile: String = SnippetSettings.defaultSigningKeyFile,
        trustedInstitutions: [TrustedInstitution] = []
    ) {
        self.moderators = moderators
        self.moderatorRooms = moderatorRooms
        self.signingKeyEnvironment = signingKeyEnvironment
        self.signingKeyFile = signingKeyFile
        self.trustedInstitutions = trustedInstitutions
    }

    public func isModerator(_ identity: String) -> Bool { moderators.contains(identity) }
}
