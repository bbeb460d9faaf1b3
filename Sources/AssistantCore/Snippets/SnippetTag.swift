import TextNormalization

/// The fixed vocabulary of good-practice themes. A snippet carries one to three of them; search can filter by one.
public enum SnippetTag: String, Sendable, Hashable, Codable, CaseIterable {
    case training
    case externalSpeakersAndEvents = "external_speakers_and_events"
    case welfareAndPastoral = "welfare_and_pastoral"
    case chaplaincyAndFaith = "chaplaincy_and_faith"
    case itAndResearch = "it_and_research"
    case partnership
    case riskAssessment = "risk_assessment"
    case informationSharing = "information_sharing"
    case studentEngagement = "student_engagement"
    case other

    /// The theme as people read it.
    public var label: String {
        switch self {
        case .training: "Training"
        case .externalSpeakersAndEvents: "External speakers and events"
        case .welfareAndPastoral: "Welfare and pastoral"
        case .chaplaincyAndFaith: "Chaplaincy and faith"
        case .itAndResearch: "IT and research"
        case .partnership: "Partnership"
        case .riskAssessment: "Risk assessment"
        case .informationSharing: "Information sharing"
        case .studentEngagement: "Student engagement"
        case .other: "Other"
        }
    }

    /// The tag a person named: its id, its label, or a distinctive word of it ("speakers", "faith", "IT").
    public init?(naming text: String) {
        let normalizer = TextNormalizer()
        let wanted = normalizer.normalize(Self.spaced(text))
        guard !wanted.isEmpty else { return nil }
        for tag in Self.allCases
        where normalizer.normalize(tag.label) == wanted
            || normalizer.normalize(Self.spaced(tag.rawValue)) == wanted
        {
            self = tag
            return
        }
        let aliases: [String: SnippetTag] = [
            "speakers": .externalSpeakersAndEvents, "speaker": .externalSpeakersAndEvents,
            "events": .externalSpeakersAndEvents, "welfare": .welfareAndPastoral, "pastoral": .welfareAndPastoral,
            "chaplaincy": .chaplaincyAndFaith, "faith": .chaplaincyAndFaith, "it": .itAndResearch,
            "research": .itAndResearch, "risk": .riskAssessment, "information": .informationSharing,
            "sharing": .informationSharing, "students": .studentEngagement, "engagement": .studentEngagement,
            "partnerships": .partnership,
        ]
        guard let tag = aliases[wanted] else { return nil }
        self = tag
    }

    private static func spaced(_ text: String) -> String { String(text.map { $0 == "_" ? " " : $0 }) }
}
