/// What the concern desk found for a question asked in chat, after its access check and audit: data only, for
/// ``ConcernDeskAnswer/reply`` to render.
public enum ConcernDeskAnswer: Sendable {
    /// Asked outside a direct conversation: nothing about concerns is said there.
    case directMessageOnly
    /// The requester's own concerns (possibly none), without content.
    case ownConcerns([ConcernSummary])
    /// The requester's own concern, asked for by reference.
    case ownConcern([ConcernSummary])
    /// Every record, for a lead (possibly none).
    case records([ConcernSummary])
    /// One record, for a lead.
    case record(ConcernRecord)
    /// Not a lead (nor, for their own concern, its reporter): refused, and logged.
    case refused
    /// Someone who is neither a lead nor a deputy tried to acknowledge an alert (logged).
    case acknowledgementRefused
    /// The urgent alerts no lead has acknowledged yet, oldest first (never who raised them): number, when, and why
    /// (`danger_answer_outside_form`, `concern_submitted`, …).
    case openAlerts([(id: Int64, createdAt: Int64, kind: String)])
    /// There is no alert with this number.
    case noSuchAlert(Int64)
    /// The alert was acknowledged before.
    case alreadyAcknowledged(Int64)
    /// The alert is now acknowledged: no further escalation.
    case acknowledged(Int64)

}
