/// A form being filled in: the answers so far and where the conversation is. `Codable`, so the runtime saves it
/// (encrypted) after every answer and a restart resumes exactly where the person was.
public struct FormSession: Sendable, Hashable, Codable {
    /// Where in the form the conversation is.
    public enum Phase: Sendable, Hashable, Codable {
        /// Waiting for the answer to this slot.
        case asking(String)
        /// The summary was shown; waiting for yes, "change <field>" or cancel.
        case confirming
        /// "No" at the summary: waiting for which field to change.
        case choosingChange
        /// "Cancel" was said; waiting for the person to confirm. Holds the phase to return to.
        case confirmingCancel(resume: Resumable)
        /// The emergency answer interrupted the form; waiting for "continue" or "cancel".
        case paused(resume: Resumable)
    }

    /// A phase a pause or a cancel question can return to.
    public enum Resumable: Sendable, Hashable, Codable {
        case asking(String)
        case confirming
        case choosingChange

        var phase: Phase {
            switch self {
            case .asking(let slot): .asking(slot)
            case .confirming: .confirming
            case .choosingChange: .choosingChange
            }
        }
    }

    public let formID: String
    public var answers: [String: FormValue]
    /// Slot ids in the order they were answered, for "back".
    public var answeredOrder: [String]
    public var phase: Phase
    /// Failed attempts at the current slot.
    public var failures: Int
    /// Set when danger was reported during the form (a "yes" to the danger question, or the safety screen).
    public var urgent: Bool
    /// The reporter's chat identity, used as the default contact.
    public let reporterID: String

    public init(formID: String, reporterID: String, firstSlot: String) {
        self.formID = formID
        self.reporterID = reporterID
        self.answers = [:]
        self.answeredOrder = []
        self.phase = .asking(firstSlot)
        self.failures = 0
        self.urgent = false
    }

    /// The slot being asked, if any.
    public var pendingSlot: String? {
        switch phase {
        case .asking(let slot): slot
        case .paused(.asking(let slot)), .confirmingCancel(.asking(let slot)): slot
        default: nil
        }
    }
}
