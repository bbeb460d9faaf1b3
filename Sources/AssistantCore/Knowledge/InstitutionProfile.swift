/// The institution-specific facts that knowledge content refers to through `{{institution.<field>}}` placeholders.
///
/// Names, phone numbers and links that differ between institutions are configuration, never content. A field that
/// is not configured renders as ``InstitutionProfile/notConfigured``, never as a guess.
public struct InstitutionProfile: Sendable, Hashable {
    /// A placeholder an article may use. The raw value is the key under `institution:` in `prevent-assist.yaml`.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case name
        case preventLead = "prevent_lead"
        case preventLeadContact = "prevent_lead_contact"
        case safeguardingTeam = "safeguarding_team"
        case securityPhone = "security_phone"
        case outOfHoursContact = "out_of_hours_contact"
        case speakerRequestForm = "speaker_request_form"
        case harassmentReporting = "harassment_reporting"
        case wellbeingService = "wellbeing_service"
        case staffSupport = "staff_support"
        case dataProtectionOfficer = "data_protection_officer"
        case itServiceDesk = "it_service_desk"
        case chaplaincy
        case researchEthics = "research_ethics"
        case studentsUnion = "students_union"
        case training
        case safeguardingPolicy = "safeguarding_policy"
        case freedomOfSpeechCode = "freedom_of_speech_code"
        case estates

        /// What the field holds, for documentation and `kb check` messages.
        public var meaning: String {
            switch self {
            case .name: "the institution's name"
            case .preventLead: "name and role of the Prevent lead"
            case .preventLeadContact: "how to reach the Prevent lead (email / phone)"
            case .safeguardingTeam: "the safeguarding team and how to reach it"
            case .securityPhone: "campus security control room number"
            case .outOfHoursContact: "who to call out of hours (duty manager, on-call)"
            case .speakerRequestForm: "where the external speaker / event request form is"
            case .harassmentReporting: "the harassment and hate incident report-and-support route"
            case .wellbeingService: "student wellbeing / counselling service"
            case .staffSupport: "staff support (HR, employee assistance)"
            case .dataProtectionOfficer: "the data protection officer"
            case .itServiceDesk: "IT service desk (web filtering, research access)"
            case .chaplaincy: "chaplaincy / multi-faith centre"
            case .researchEthics: "research ethics / security-sensitive research approval"
            case .studentsUnion: "the students' union"
            case .training: "where staff find the institution's Prevent training"
            case .safeguardingPolicy: "where the safeguarding / Prevent policy is published"
            case .freedomOfSpeechCode: "where the freedom of speech code of practice is published"
            case .estates: "estates and facilities helpdesk (buildings, fire alarms, repairs)"
            }
        }

        /// The placeholder text as it appears in content, e.g. `{{institution.prevent_lead}}`.
        public var placeholder: String { "{{institution.\(rawValue)}}" }
    }

    /// What an unset field renders as.
    public static let notConfigured = "(not configured — ask your institution's administrator)"

    public private(set) var values: [Field: String]
    /// How unset fields read in ``render(_:)``; without it they read ``notConfigured``.
    public private(set) var unsetWording: UnsetContactWording?

    public init(values: [Field: String] = [:], unsetWording: UnsetContactWording? = nil) {
        self.values = values.filter { !$0.value.trimmingWhitespace().isEmpty }
        self.unsetWording = unsetWording
    }

    /// The same profile with unset fields read as roles.
    public func with(_ wording: UnsetContactWording?) -> InstitutionProfile {
        var copy = self
        copy.unsetWording = wording
        return copy
    }

    /// The configured value, or `nil` when unset.
    public subscript(field: Field) -> String? { values[field] }

    /// The value for display: the configured text or ``notConfigured``.
    public func display(_ field: Field) -> String { values[field] ?? Self.notConfigured }

    /// Replaces every `{{institution.<field>}}` in `text`. Unknown placeholders are left as they are
    /// (`kb check` reports them before content ships). With ``unsetWording``, an unset field reads as its role and
    /// the note appears once, after the first unset field with a role.
    public func render(_ text: String) -> String {
        var noted = false
        var leftOut = false
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingWhitespace()
            if name.hasPrefix("institution."), let field = Field(rawValue: String(name.dropFirst(12))) {
                if let value = values[field] {
                    output += value
                } else if let wording = unsetWording, let role = wording.roles[field] {
                    if role.isEmpty {
                        leftOut = true
                    } else {
                        output += noted ? role : "\(role) (\(wording.note))"
                        noted = true
                    }
                } else {
                    output += Self.notConfigured
                }
            } else {
                output += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        output += rest
        return leftOut ? Self.removingEmptyBrackets(output) : output
    }

    /// " ()" left where an empty role stood in brackets is taken out, with the space or line break before it (content
    /// wraps its lines, so the brackets may start a line).
    static func removingEmptyBrackets(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let range = rest.firstRange(of: "()") {
            var before = rest[..<range.lowerBound]
            if before.last == " " || before.last == "\n" { before = before.dropLast() }
            output += before
            rest = rest[range.upperBound...]
        }
        return output + rest
    }

    /// Every placeholder name (the text between `{{` and `}}`) in `text`, in order of appearance.
    public static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{"), let close = rest[open.upperBound...].firstRange(of: "}}") {
            names.append(String(rest[open.upperBound..<close.lowerBound].trimmingWhitespace()))
            rest = rest[close.upperBound...]
        }
        return names
    }

    /// Whether `name` (e.g. `institution.prevent_lead`) is a placeholder the configuration schema defines.
    public static func isKnownPlaceholder(_ name: String) -> Bool {
        name.hasPrefix("institution.") && Field(rawValue: String(name.dropFirst(12))) != nil
    }
}
