public import AssistantCore

/// A concern record as a lead reads it: its fields (decrypted), its stage history and its chronology.
public struct ConcernRecord: Sendable, Hashable {
    /// One answered question.
    public struct Field: Sendable, Hashable {
        public let slot: String
        public let label: String
        public let value: String
        public let sensitivity: FormSlot.Sensitivity
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
}

/// What a listing shows of a record: no content, only reference, date, urgency and stage.
public struct ConcernSummary: Sendable, Hashable {
    public let reference: String
    public let createdAt: Int64
    public let urgent: Bool
    public let stage: ConcernStage
    public let ideology: IdeologyCategory?
    public let purged: Bool
}
