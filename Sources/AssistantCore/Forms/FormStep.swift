/// What one message did to a form: the messages to send back, the session to keep (or `nil` when the form ended),
/// and what happened.
public struct FormStep: Sendable, Hashable {
    /// What the step means for the rest of the system.
    public enum Event: Sendable, Hashable {
        /// The person confirmed the summary: store these answers.
        case submitted(FormSubmission)
        /// The person confirmed cancelling: store nothing, purge the draft.
        case cancelled
        /// The person answered "yes" to a slot that triggers the emergency answer.
        case emergency
        /// The person asked for a person after repeated trouble.
        case handover
    }

    public let messages: [String]
    public let session: FormSession?
    public let event: Event?

    public init(messages: [String], session: FormSession?, event: Event? = nil) {
        self.messages = messages
        self.session = session
        self.event = event
    }
}

/// A completed form: each answered slot with its value and sensitivity, in form order.
public struct FormSubmission: Sendable, Hashable, Codable {
    /// One answer.
    public struct Field: Sendable, Hashable, Codable {
        public let slot: String
        public let label: String
        public let value: String
        public let display: String
        public let sensitivity: FormSlot.Sensitivity

        public init(slot: String, label: String, value: String, display: String, sensitivity: FormSlot.Sensitivity) {
            self.slot = slot
            self.label = label
            self.value = value
            self.display = display
            self.sensitivity = sensitivity
        }
    }

    public let formID: String
    public let reporterID: String
    public let urgent: Bool
    public let fields: [Field]

    public init(formID: String, reporterID: String, urgent: Bool, fields: [Field]) {
        self.formID = formID
        self.reporterID = reporterID
        self.urgent = urgent
        self.fields = fields
    }

    public func value(_ slot: String) -> String? { fields.first { $0.slot == slot }?.value }
}
