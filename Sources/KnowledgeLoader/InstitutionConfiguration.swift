public import AssistantCore
public import Foundation
import Yams

/// The institution's configuration file (`prevent-assist.yaml`): its name and contacts (the values of the content's
/// placeholders). Sections that later parts of the service read (`platforms`, `roles`, `alerts`, `data_dir`) are
/// accepted and kept as they are.
public struct InstitutionConfiguration: Sendable {
    public let institution: InstitutionProfile
    /// The configured data directory, if any (`data_dir`).
    public let dataDirectory: String?
    /// Who may read and manage concern records.
    public let roles: AccessRoles
    /// How long closed records are kept.
    public let retention: RetentionPolicy
    /// Minutes before an unacknowledged urgent alert goes to the deputy (`alerts.escalate_after_minutes`, default 30).
    public let escalateAfterMinutes: Int
    /// Hours before an unfinished form is purged (`drafts.expire_after_hours`, default 24).
    public let draftExpiryHours: Int
    /// The safeguarding team's room per platform account id (`alerts.<platform-id>`).
    public let alertRooms: [String: String]
    /// Whether the emergency answer given outside a form raises an urgent team alert (`alerts.danger_answers`,
    /// default true).
    public let alertOnDangerAnswers: Bool
    /// The chat platform accounts to poll (`platforms`).
    public let platforms: [PlatformAccount]
    /// Good-practice snippets: moderators, their rooms, the signing key and trusted institutions (`snippets`).
    public let snippets: SnippetSettings

    public init(
        institution: InstitutionProfile = InstitutionProfile(),
        dataDirectory: String? = nil,
        roles: AccessRoles = AccessRoles(),
        retention: RetentionPolicy = .keepEverything,
        escalateAfterMinutes: Int = 30,
        draftExpiryHours: Int = 24,
        alertRooms: [String: String] = [:],
        platforms: [PlatformAccount] = [],
        snippets: SnippetSettings = SnippetSettings(),
        alertOnDangerAnswers: Bool = true
    ) {
        self.institution = institution
        self.dataDirectory = dataDirectory
        self.roles = roles
        self.retention = retention
        self.escalateAfterMinutes = escalateAfterMinutes
        self.draftExpiryHours = draftExpiryHours
        self.alertRooms = alertRooms
        self.platforms = platforms
        self.snippets = snippets
        self.alertOnDangerAnswers = alertOnDangerAnswers
    }

    static let topLevelKeys: Set<String> = [
        "institution", "data_dir", "platforms", "roles", "alerts", "retention", "drafts", "snippets",
    ]

    /// Reads and validates the file. Unknown keys are errors, so a misspelt contact is caught before staff see
    /// "(not configured …)".
    public static func load(from file: URL) throws(KnowledgeLoadError) -> InstitutionConfiguration {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw KnowledgeLoadError("cannot read the configuration file", at: SourceLocation(file: file.path))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw KnowledgeLoadError("the configuration file is not valid UTF-8", at: SourceLocation(file: file.path))
        }
        return try parse(text, file: file.path)
    }

    /// Parses configuration text.
    public static func parse(_ text: String, file: String) throws(KnowledgeLoadError) -> InstitutionConfiguration {
        let document = try YAMLDocument(text: text, file: file)
        let top = try MappingReader(document.root, in: document, what: "the configuration")
        try top.rejectUnknownKeys(allowed: topLevelKeys, what: "the configuration")
        var values: [InstitutionProfile.Field: String] = [:]
        if let node = top.value("institution"), !MappingReader.isNull(node) {
            let institution = try MappingReader(node, in: document, what: "'institution'")
            try institution.rejectUnknownKeys(
                allowed: Set(InstitutionProfile.Field.allCases.map(\.rawValue)),
                what: "'institution'"
            )
            for field in InstitutionProfile.Field.allCases {
                if let value = try institution.optionalString(field.rawValue) { values[field] = value }
            }
        }
        var roles = AccessRoles()
        if let node = top.value("roles"), !MappingReader.isNull(node) {
            let reader = try MappingReader(node, in: document, what: "'roles'")
            try reader.rejectUnknownKeys(
                allowed: ["safeguarding_leads", "prevent_lead", "deputy", "auditors"],
                what: "'roles'"
            )
            roles = AccessRoles(
                safeguardingLeads: Set(try reader.stringList("safeguarding_leads", required: false)),
                preventLeads: Set(try reader.stringList("prevent_lead", required: false)),
                deputies: Set(try reader.stringList("deputy", required: false)),
                auditors: Set(try reader.stringList("auditors", required: false))
            )
        }
        var months: [ConcernResolution: Int] = [:]
        if let node = top.value("retention"), !MappingReader.isNull(node) {
            let reader = try MappingReader(node, in: document, what: "'retention'")
            let keys = Dictionary(
                uniqueKeysWithValues: ConcernResolution.allCases.map { ($0.rawValue + "_months", $0) }
            )
            try reader.rejectUnknownKeys(allowed: Set(keys.keys), what: "'retention'")
            for (key, resolution) in keys {
                if let value = try positiveInteger(reader, key, in: document) { months[resolution] = value }
            }
        }
        var escalate = 30
        var rooms: [String: String] = [:]
        var dangerAnswers = true
        if let node = top.value("alerts"), !MappingReader.isNull(node) {
            let reader = try MappingReader(node, in: document, what: "'alerts'")
            for key in reader.keys {
                if key == "escalate_after_minutes" {
                    escalate = try positiveInteger(reader, key, in: document) ?? escalate
                } else if key == "danger_answers" {
                    let text = try reader.optionalString(key) ?? "true"
                    guard let flag = Bool(text) else {
                        throw document.fail("'alerts.danger_answers' must be true or false, not '\(text)'", at: node)
                    }
                    dangerAnswers = flag
                } else if let room = try reader.optionalString(key) {
                    rooms[key] = room
                }
            }
        }
        var draftHours = 24
        if let node = top.value("drafts"), !MappingReader.isNull(node) {
            let reader = try MappingReader(node, in: document, what: "'drafts'")
            try reader.rejectUnknownKeys(allowed: ["expire_after_hours"], what: "'drafts'")
            draftHours = try positiveInteger(reader, "expire_after_hours", in: document) ?? draftHours
        }
        var platforms: [PlatformAccount] = []
        if let node = top.value("platforms"), !MappingReader.isNull(node) {
            guard let items = node.sequence else { throw document.fail("'platforms' must be a list", at: node) }
            for item in items {
                let reader = try MappingReader(item, in: document, what: "a platform")
                var settings: [String: String] = [:]
                for key in reader.keys where key != "kind" && key != "id" {
                    settings[key] = try reader.optionalString(key)
                }
                let account = PlatformAccount(
                    kind: try reader.string("kind"),
                    id: try reader.string("id"),
                    settings: settings
                )
                if platforms.contains(where: { $0.id == account.id }) {
                    throw document.fail("two platforms have the id '\(account.id)'", at: item)
                }
                platforms.append(account)
            }
        }
        var snippets = SnippetSettings()
        if let node = top.value("snippets"), !MappingReader.isNull(node) {
            snippets = try snippetSettings(node, in: document)
        }
        return InstitutionConfiguration(
            institution: InstitutionProfile(values: values),
            dataDirectory: try top.optionalString("data_dir"),
            roles: roles,
            retention: RetentionPolicy(months: months),
            escalateAfterMinutes: escalate,
            draftExpiryHours: draftHours,
            alertRooms: rooms,
            platforms: platforms,
            snippets: snippets,
            alertOnDangerAnswers: dangerAnswers
        )
    }

    private static func snippetSettings(
        _ node: Node,
        in document: YAMLDocument
    ) throws(KnowledgeLoadError)
        -> SnippetSettings
    {
        let reader = try MappingReader(node, in: document, what: "'snippets'")
        try reader.rejectUnknownKeys(
            allowed: ["moderators", "moderator_rooms", "signing_key_env", "signing_key_file", "trusted_institutions"],
            what: "'snippets'"
        )
        var rooms: [String: String] = [:]
        if let roomsNode = reader.value("moderator_rooms"), !MappingReader.isNull(roomsNode) {
            let roomsReader = try MappingReader(roomsNode, in: document, what: "'moderator_rooms'")
            for key in roomsReader.keys { rooms[key] = try roomsReader.optionalString(key) }
        }
        let keyFile = try reader.optionalString("signing_key_file") ?? SnippetSettings.defaultSigningKeyFile
        guard !keyFile.contains("/"), !keyFile.hasPrefix(".") else {
            throw document.fail("'signing_key_file' is a file name in the data directory, not '\(keyFile)'", at: node)
        }
        var trusted: [SnippetSettings.TrustedInstitution] = []
        if let list = reader.value("trusted_institutions"), !MappingReader.isNull(list) {
            guard let items = list.sequence else {
                throw document.fail("'trusted_institutions' must be a list", at: list)
            }
            for item in items {
                let entry = try MappingReader(item, in: document, what: "a trusted institution")
                try entry.rejectUnknownKeys(allowed: ["name", "public_key"], what: "a trusted institution")
                let key = try entry.string("public_key")
                guard let bytes = Data(base64Encoded: key), bytes.count == 32 else {
                    throw document.fail("'public_key' must be base64 of a 32-byte Ed25519 public key", at: item)
                }
                trusted.append(.init(name: try entry.string("name"), publicKey: key))
            }
        }
        return SnippetSettings(
            moderators: Set(try reader.stringList("moderators", required: false)),
            moderatorRooms: rooms,
            signingKeyEnvironment: try reader.optionalString("signing_key_env"),
            signingKeyFile: keyFile,
            trustedInstitutions: trusted
        )
    }

    private static func positiveInteger(
        _ reader: MappingReader,
        _ key: String,
        in document: YAMLDocument
    ) throws(KnowledgeLoadError) -> Int? {
        guard let text = try reader.optionalString(key) else { return nil }
        guard let value = Int(text), value > 0 else {
            throw document.fail("'\(key)' must be a whole number above 0, not '\(text)'", at: reader.node)
        }
        return value
    }
}
