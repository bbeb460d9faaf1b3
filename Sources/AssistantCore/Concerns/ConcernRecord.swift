/// A concern record as a lead reads it: its fields (decrypted), its stage history and its chronology. Plain data:
/// the store fills it, ``ConcernText`` renders it.
public struct ConcernRecord: Sendable, Hashable {
    /// One answered question.
    public struct Field: Sendable, Hashable {
        public let slot: String
        public let label: String
        public let value: String
        public let sensitivity: FormSlot.Sensitivity

        public init(slot: String, label: String, value: String, sensitivity: FormSlot.Sensitivity) {
            self.slot = slot
            self.label = label
            self.value = value
            self.sensitivity = sensitivity
        }
    }

    /// One entry of the chronology: who did what, when, and why.
    public struct Event: Sendable, Hashable {
        public let at: Int64
        public let actor: String
        public let action: String
        public let stage: ConcernStage?
        public let reason: String?
        /// A lead's note, decrypted (only on stage changes and notes).
        public let note: String?

        public init(at: Int64, actor: String, action: String, stage: ConcernStage?, reason: String?, note: String?) {
            self.at = at
            self.actor = actor
            self.action = action
            self.stage = stage
            self.reason = reason
            self.note = note
        }
    }

    public let reference: String
    public let createdAt: Int64
    public let formID: String
    public let reporter: String?
    public let urgent: Bool
    public let purged: Bool
    public let fields: [Field]
    public let history: ConcernHistory
    public let events: [Event]

    public var stage: ConcernStage { history.currentStage }

    public init(
        reference: String,
        createdAt: Int64,
        formID: String,
        reporter: String?,
        urgent: Bool,
        purged: Bool,
        fields: [Field],
        history: ConcernHistory,
        events: [Event]
    ) {
        self.reference = reference
        self.createdAt = createdAt
        self.formID = formID
        self.reporter = reporter
        self.urgent = urgent
        self.purged = purged
        self.fields = fields
        self.history = history
        self.events = events
    }
}

/// What a listing shows of a record: no content, only reference, date, urgency and stage.
public struct ConcernSummary: Sendable, Hashable {
    public let reference: String
    public let createdAt: Int64
    public let urgent: Bool
    public let stage: ConcernStage
    public let ideology: IdeologyCategory?
    public let purged: Bool

    public init(
        reference: String,
        createdAt: Int64,
        urgent: Bool,
        stage: ConcernStage,
        ideology: IdeologyCategory?,
        purged: Bool
    ) {
        self.reference = reference
        self.createdAt = createdAt
        self.urgent = urgent
        self.stage = stage
        self.ideology = ideology
        self.purged = purged
    }
}
