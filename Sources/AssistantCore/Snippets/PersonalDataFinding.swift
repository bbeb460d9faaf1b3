/// One piece of personal data found in a text: what kind it is and where, so a reply can say what to rephrase.
///
/// The matched text is for the author's eyes (the reply to them); it is never logged.
public struct PersonalDataFinding: Sendable, Hashable {
    /// The kinds of personal data a snippet must not contain.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case personName = "person_name"
        case email
        case phoneNumber = "phone_number"
        case idNumber = "id_number"
        case incidentDate = "incident_date"
        case room
        case residence

        /// How the reply names the kind.
        public var description: String {
            switch self {
            case .personName: "a person's name"
            case .email: "an email address"
            case .phoneNumber: "a phone number"
            case .idNumber: "a student or staff ID number"
            case .incidentDate: "an exact date tied to an incident"
            case .room: "a specific room"
            case .residence: "a named hall or building"
            }
        }

        /// What to write instead.
        public var advice: String {
            switch self {
            case .personName: "a role (\"a personal tutor\", \"the Prevent lead\")"
            case .email, .phoneNumber: "a team or service (\"the safeguarding team\")"
            case .idNumber: "nothing: leave it out"
            case .incidentDate: "a month or term (\"in the spring term\")"
            case .room, .residence: "a kind of place (\"a seminar room\", \"a hall of residence\")"
            }
        }
    }

    public let kind: Kind
    /// Where in the checked text it was found.
    public let range: Range<String.Index>
    /// The text found (for the author only; never logged).
    public let matched: String

    public init(kind: Kind, range: Range<String.Index>, matched: String) {
        self.kind = kind
        self.range = range
        self.matched = matched
    }
}
