import AssistantCore
import TextNormalization
import Yams

/// Reading each section of the configuration, every problem recorded (with its line) rather than thrown.
extension InstitutionConfiguration {
    /// The reader for section `key`, or `nil` when it is absent, null, or not a mapping (recorded).
    static func readSection<T>(
        _ top: MappingReader,
        _ key: String,
        _ problems: inout ProblemCollector,
        _ body: (MappingReader, inout ProblemCollector) -> T?
    ) -> T? {
        guard let node = top.value(key), !MappingReader.isNull(node) else { return nil }
        guard
            let reader = problems.attempt({ () throws(KnowledgeLoadError) in
                try MappingReader(node, in: top.document, what: "'\(key)'")
            })
        else { return nil }
        return body(reader, &problems)
    }

    static func readInstitution(
        _ top: MappingReader,
        _ problems: inout ProblemCollector
    ) -> [InstitutionProfile.Field: String] {
        readSection(top, "institution", &problems) { reader, problems in
            problems.rejectUnknownKeys(
                reader,
                allowed: Set(InstitutionProfile.Field.allCases.map(\.rawValue)),
                what: "'institution'"
            )
            var values: [InstitutionProfile.Field: String] = [:]
            for field in InstitutionProfile.Field.allCases {
                if let value = problems.attempt({ () throws(KnowledgeLoadError) in
                    try reader.optionalString(field.rawValue)
                }) ?? nil {
                    values[field] = value
                }
            }
            return values
        } ?? [:]
    }

    static func readRoles(_ top: MappingReader, _ problems: inout ProblemCollector) -> AccessRoles {
        readSection(top, "roles", &problems) { reader, problems in
            problems.rejectUnknownKeys(
                reader,
                allowed: ["safeguarding_leads", "prevent_lead", "deputy", "auditors"],
                what: "'roles'"
            )
            return AccessRoles(
                safeguardingLeads: Set(identities(reader, "safeguarding_leads", &problems)),
                preventLeads: Set(identities(reader, "prevent_lead", &problems)),
                deputies: Set(identities(reader, "deputy", &problems)),
                auditors: Set(identities(reader, "auditors", &problems))
            )
        } ?? AccessRoles()
    }

    /// A list of identities written `platform:id` (`matrix:@lead:example.ac.uk`, `console:sam`); others recorded.
    static func identities(_ reader: MappingReader, _ key: String, _ problems: inout ProblemCollector) -> [String] {
        guard
            let list = problems.attempt({ () throws(KnowledgeLoadError) in
                try reader.stringList(key, required: false)
            })
        else { return [] }
        let nodes = reader.value(key)?.sequence.map(Array.init) ?? []
        var valid: [String] = []
        for (index, identity) in list.enumerated() {
            if let problem = identityProblem(identity) {
                problems.add("'\(key)': \(problem)", at: index < nodes.count ? nodes[index] : reader.node)
            } else {
                valid.append(identity)
            }
        }
        return valid
    }

    /// Why `identity` is not `platform:id` with a known platform; `nil` when it is.
    static func identityProblem(_ identity: String) -> String? {
        guard let colon = identity.firstIndex(of: ":") else {
            return "'\(identity)' is not an identity written platform:id (e.g. matrix:@lead:example.ac.uk)"
        }
        let platform = String(identity[..<colon])
        let id = identity[identity.index(after: colon)...]
        guard identityPlatforms.contains(platform) else {
            let hint = NearestName.suggestion(for: platform, among: identityPlatforms).map {
                " — did you mean '\($0)'?"
            }
            return "'\(identity)' names an unknown platform '\(platform)'\(hint ?? "") (known: "
                + identityPlatforms.sorted().joined(separator: ", ") + ")"
        }
        guard !id.isEmpty, !id.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            return "'\(identity)' has an empty id or spaces after '\(platform):'"
        }
        return nil
    }

    static func readRetention(
        _ top: MappingReader,
        _ problems: inout ProblemCollector
    ) -> [ConcernResolution: Int] {
        readSection(top, "retention", &problems) { reader, problems in
            let keys = Dictionary(
                uniqueKeysWithValues: ConcernResolution.allCases.map { ($0.rawValue + "_months", $0) }
            )
            problems.rejectUnknownKeys(reader, allowed: Set(keys.keys), what: "'retention'")
            var months: [ConcernResolution: Int] = [:]
            for (key, resolution) in keys.sorted(by: { $0.key < $1.key }) {
                if let value = problems.integer(reader, key, in: retentionMonthsRange) { months[resolution] = value }
            }
            return months
        } ?? [:]
    }

    /// `alerts`: the escalation delay, each platform's team room, and whether a danger answer outside a form
    /// alerts the team (`danger_answers`, default true).
    static func readAlerts(
        _ top: MappingReader,
        _ problems: inout ProblemCollector
    ) -> (escalate: Int, rooms: [String: String], dangerAnswers: Bool) {
        readSection(top, "alerts", &problems) { reader, problems in
            var escalate = 30
            var rooms: [String: String] = [:]
            var dangerAnswers = true
            for key in reader.keys {
                if key == "escalate_after_minutes" {
                    escalate = problems.integer(reader, key, in: escalateAfterMinutesRange) ?? escalate
                } else if key == "danger_answers" {
                    let text =
                        problems.attempt { () throws(KnowledgeLoadError) in try reader.optionalString(key) } ?? nil
                    if let text, let flag = Bool(text) {
                        dangerAnswers = flag
                    } else if let node = reader.value(key) {
                        problems.add("'alerts.danger_answers' must be true or false", at: node)
                    }
                } else if let room = problems.attempt({ () throws(KnowledgeLoadError) in
                    try reader.optionalString(key)
                }) ?? nil {
                    rooms[key] = room
                }
            }
            return (escalate, rooms, dangerAnswers)
        } ?? (30, [:], true)
    }

    static func readSnippets(_ top: MappingReader, _ problems: inout ProblemCollector) -> SnippetSettings {
        readSection(top, "snippets", &problems) { reader, problems in
            _ = identities(reader, "moderators", &problems)
            return problems.attempt { () throws(KnowledgeLoadError) in
                try snippetSettings(reader.node, in: reader.document)
            }
        } ?? SnippetSettings()
    }

    static func readDrafts(_ top: MappingReader, _ problems: inout ProblemCollector) -> Int {
        readSection(top, "drafts", &problems) { reader, problems in
            problems.rejectUnknownKeys(reader, allowed: ["expire_after_hours"], what: "'drafts'")
            return problems.integer(reader, "expire_after_hours", in: draftExpiryHoursRange)
        } ?? 24
    }

    static func readPlatforms(_ top: MappingReader, _ problems: inout ProblemCollector) -> [PlatformAccount] {
        guard let node = top.value("platforms"), !MappingReader.isNull(node) else { return [] }
        guard let items = node.sequence else {
            problems.add("'platforms' must be a list", at: node)
            return []
        }
        var platforms: [PlatformAccount] = []
        for item in items {
            guard let account = readPlatform(item, top.document, &problems) else { continue }
            if platforms.contains(where: { $0.id == account.id }) {
                problems.add("two platforms have the id '\(account.id)'", at: item)
            }
            platforms.append(account)
        }
        return platforms
    }

    /// One `platforms:` entry, checked against ``PlatformSettingsSchema``.
    static func readPlatform(
        _ item: Node,
        _ document: YAMLDocument,
        _ problems: inout ProblemCollector
    ) -> PlatformAccount? {
        guard
            let reader = problems.attempt({ () throws(KnowledgeLoadError) in
                try MappingReader(item, in: document, what: "a platform")
            })
        else { return nil }
        let kind = problems.attempt { () throws(KnowledgeLoadError) in try reader.string("kind") }
        let id = problems.attempt { () throws(KnowledgeLoadError) in try reader.string("id") }
        var settings: [String: String] = [:]
        for key in reader.keys where key != "kind" && key != "id" {
            settings[key] = problems.attempt { () throws(KnowledgeLoadError) in try reader.optionalString(key) } ?? nil
        }
        guard let kind, let id else { return nil }
        let what = "platform '\(id)' (\(kind))"
        guard let schema = PlatformSettingsSchema.settings(of: kind) else {
            let hint = NearestName.suggestion(for: kind, among: PlatformSettingsSchema.kinds).map {
                " — did you mean '\($0)'?"
            }
            problems.add(
                "unknown platform kind '\(kind)'\(hint ?? "") (supported: "
                    + PlatformSettingsSchema.kinds.joined(separator: ", ") + ")",
                at: reader.value("kind") ?? item
            )
            return PlatformAccount(kind: kind, id: id, settings: settings, notices: .standard)
        }
        problems.rejectUnknownKeys(reader, allowed: Set(schema.keys).union(["kind", "id"]), what: what)
        for (key, setting) in schema.sorted(by: { $0.key < $1.key }) {
            guard let text = settings[key] else {
                if setting.required { problems.add("\(what) is missing its required setting '\(key)'", at: item) }
                continue
            }
            if let problem = PlatformSettingsSchema.problem(with: text, setting.value) {
                problems.add("'\(key)' in \(what) \(problem)", at: reader.value(key) ?? item)
            }
        }
        if kind == "matrix", settings["access_token_env"] == nil, settings["password_env"] == nil {
            problems.add("\(what) needs 'access_token_env' or 'password_env'", at: item)
        }
        return PlatformAccount(kind: kind, id: id, settings: settings, notices: .standard)
    }

    /// The keys of `alerts` that are settings, not platform ids.
    static let alertSettings: Set<String> = ["escalate_after_minutes", "danger_answers"]

    /// Each key of the mapping at `node` (a room per platform account id) must be a configured platform's id.
    static func checkPlatformIDs(
        in node: Node?,
        _ what: String,
        known: Set<String>,
        _ problems: inout ProblemCollector
    ) {
        guard let mapping = node?.mapping else { return }
        for key in mapping.keys {
            guard let name = key.string, !Self.alertSettings.contains(name), !known.contains(name) else { continue }
            let hint = NearestName.suggestion(for: name, among: known).map { " — did you mean '\($0)'?" } ?? ""
            let ids = known.isEmpty ? "none configured" : known.sorted().joined(separator: ", ")
            problems.add("'\(what).\(name)' names no platform in 'platforms'\(hint) (platform ids: \(ids))", at: key)
        }
    }
}
