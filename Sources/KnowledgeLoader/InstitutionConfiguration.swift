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
    /// Keeping questions it could not answer for review (`learning.enabled`, default true; `learning.keep_days`,
    /// default 90).
    public let learning: LearningSettings

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
        alertOnDangerAnswers: Bool = true,
        learning: LearningSettings = LearningSettings()
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
        self.learning = learning
    }

    static let topLevelKeys: Set<String> = [
        "institution", "data_dir", "platforms", "roles", "alerts", "retention", "drafts", "snippets", "learning",
    ]

    /// Documented ranges of the numeric settings (also in prevent-assist.example.yaml and docs/reliability.md).
    public static let escalateAfterMinutesRange = 1...10_080
    public static let draftExpiryHoursRange = 1...8_760
    public static let retentionMonthsRange = 1...1_200

    /// The platforms a role identity (`platform:id`) may name: the chat kinds, `console` (the terminal chat) and
    /// `cli` (the host commands' `--as`).
    public static let identityPlatforms = Set(PlatformSettingsSchema.kinds + ["console", "cli"])

    /// Reads and validates the file. Unknown keys are errors, so a misspelt contact is caught before staff see
    /// "(not configured …)". Throws the first problem; ``check(_:file:)`` lists them all.
    public static func load(from file: URL) throws(KnowledgeLoadError) -> InstitutionConfiguration {
        try parse(try text(of: file), file: file.path)
    }

    /// The file's text, or why it cannot be read.
    public static func text(of file: URL) throws(KnowledgeLoadError) -> String {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw KnowledgeLoadError("cannot read the configuration file", at: SourceLocation(file: file.path))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw KnowledgeLoadError("the configuration file is not valid UTF-8", at: SourceLocation(file: file.path))
        }
        return text
    }

    /// Parses configuration text; throws its first problem (by line), saying how many more there are.
    public static func parse(_ text: String, file: String) throws(KnowledgeLoadError) -> InstitutionConfiguration {
        let (configuration, problems) = try read(text, file: file)
        if let first = problems.first {
            guard problems.count > 1 else { throw first }
            throw KnowledgeLoadError(
                first.message + " (and \(problems.count - 1) more: run `prevent-assist config check \(file)`)",
                at: first.location
            )
        }
        return configuration
    }

    /// Every problem in configuration text, in line order: empty when it is valid.
    public static func check(_ text: String, file: String) -> [KnowledgeLoadError] {
        do {
            return try read(text, file: file).problems
        } catch {
            return [error]
        }
    }

    /// The configuration and every problem found; throws only when the text is not YAML.
    static func read(
        _ text: String,
        file: String
    ) throws(KnowledgeLoadError) -> (InstitutionConfiguration, problems: [KnowledgeLoadError]) {
        let document = try YAMLDocument(text: text, file: file)
        var problems = ProblemCollector(document)
        guard
            let top = problems.attempt({ () throws(KnowledgeLoadError) in
                try MappingReader(document.root, in: document, what: "the configuration")
            })
        else { return (InstitutionConfiguration(), problems.sorted) }
        problems.rejectUnknownKeys(top, allowed: topLevelKeys, what: "the configuration")
        let institution = readInstitution(top, &problems)
        let dataDirectory =
            problems.attempt { () throws(KnowledgeLoadError) in try top.optionalString("data_dir") } ?? nil
        let roles = readRoles(top, &problems)
        let retention = readRetention(top, &problems)
        let alerts = readAlerts(top, &problems)
        let draftHours = readDrafts(top, &problems)
        let platforms = readPlatforms(top, &problems)
        let snippets = readSnippets(top, &problems)
        let learning = readLearning(top, &problems)
        let platformIDs = Set(platforms.map(\.id))
        checkPlatformIDs(in: top.value("alerts"), "alerts", known: platformIDs, &problems)
        checkPlatformIDs(
            in: top.value("snippets")?.mapping?["moderator_rooms"],
            "snippets.moderator_rooms",
            known: platformIDs,
            &problems
        )
        let configuration = InstitutionConfiguration(
            institution: InstitutionProfile(values: institution),
            dataDirectory: dataDirectory,
            roles: roles,
            retention: RetentionPolicy(months: retention),
            escalateAfterMinutes: alerts.escalate,
            draftExpiryHours: draftHours,
            alertRooms: alerts.rooms,
            platforms: platforms,
            snippets: snippets,
            alertOnDangerAnswers: alerts.dangerAnswers,
            learning: learning
        )
        return (configuration, problems.sorted)
    }

    static func snippetSettings(
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
}
