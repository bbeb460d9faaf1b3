/// Something the runtime must do besides sending replies, returned as data by ``Assistant/handle(_:state:detail:)``
/// and applied by the runtime in the same database transaction as the new conversation state.
public enum Effect: Sendable, Hashable {
    /// Store a completed concern form. Replies may contain ``Effect/referencePlaceholder``, which the runtime
    /// replaces with the stored record's reference.
    case submitConcern(FormSubmission)
    /// Alert the safeguarding team now: danger was reported while a concern form was open. Carries no details.
    case urgentAlert(UrgentAlert)
    /// Continue a private form in a direct conversation with this user; nothing about it goes to the group room.
    case continueInDirectConversation(userID: String, formID: String)
    /// Look up concern records; the runtime checks the requester's role, writes the audit, and replies.
    case concernQuery(ConcernQuery)
    /// Store a shared good-practice snippet (already through the de-identification check) as pending moderation.
    /// Replies may contain ``Effect/snippetPlaceholder``, replaced with the stored snippet's id.
    case submitSnippet(Snippet, author: String)
    /// Search, show, rate or moderate snippets; the runtime checks who is asking, reads the store, and replies.
    case snippetRequest(SnippetRequest)
    /// Keep a question the assistant could not answer well, de-identified, for review (``LearningPolicy``).
    case keepMissedQuestion(MissedQuestion)
    /// Count a miss that is not kept because it read like an individual case; no text.
    case countUnkeptMiss(UnkeptMiss)

    /// Stands in a reply for the reference of the concern an effect stores.
    public static let referencePlaceholder = "{{concern.reference}}"
    /// Stands in a reply for the id of the snippet an effect stores.
    public static let snippetPlaceholder = "{{snippet.id}}"
}

/// Why an urgent alert was raised. Deliberately no content: the alert goes to a team room.
public struct UrgentAlert: Sendable, Hashable, Codable {
    /// What raised it.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// The reporter answered "yes" to "is anyone in danger now?".
        case dangerReportedInForm = "danger_reported_in_form"
        /// The safety screen fired on a message while a concern form was open.
        case safetyScreenDuringForm = "safety_screen_during_form"
        /// The emergency answer was given to a message outside any form.
        case dangerAnswerOutsideForm = "danger_answer_outside_form"
    }

    public let reason: Reason
    /// The chat identity of the reporter (`platform:id`), so the team can reach them. Only leads see it.
    public let reporter: String
    /// The platform the message came from (`matrix`, `telegram`, …), if known.
    public let platform: String?

    public init(reason: Reason, reporter: String, platform: String? = nil) {
        self.reason = reason
        self.reporter = reporter
        self.platform = platform
    }

    /// The alert's text for the team room: what happened, where and when — never who or what was said.
    /// - Parameter time: when it happened, as the runtime formats it (UTC).
    public func teamText(at time: String) -> String {
        let place = platform.map { " on \($0)" } ?? ""
        let what: String
        switch reason {
        case .dangerReportedInForm:
            what = "a member of staff reported in a concern form that someone may be in danger now"
        case .safetyScreenDuringForm: what = "danger came up while a concern was being raised"
        case .dangerAnswerOutsideForm: what = "the assistant gave someone the emergency answer (999)"
        }
        return "URGENT (\(time) UTC\(place)): \(what). A lead should contact them now: the reporter's identity is "
            + "shown to leads only, with 'prevent-assist concerns alerts' on the host."
    }
}

/// A question about concern records, answered by the runtime after an access check.
public enum ConcernQuery: Sendable, Hashable {
    /// "What happened to my concern?": the stages of the requester's own concerns.
    case ownStatus(requester: String)
    /// A lead lists the records.
    case list(requester: String)
    /// A lead reads one record.
    case show(reference: String, requester: String)

    public var requester: String {
        switch self {
        case .ownStatus(let requester), .list(let requester), .show(_, let requester): requester
        }
    }
}
