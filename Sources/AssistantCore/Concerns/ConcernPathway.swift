/// The moves a concern record may make between ``ConcernStage``s, and what a move needs.
///
/// A record moves forward (triage, escalation, external advice, referral) and may be closed from any open stage.
/// A closed record does not move again except by being reopened, which is its own recorded event with a reason.
/// Every move needs a written rationale: safeguarding practice expects the reason for each decision recorded,
/// including a decision not to refer.
public enum ConcernPathway {
    /// The stages a record at `stage` may move to (reopening a closed record is ``reopenedStage``, not a move).
    public static func next(from stage: ConcernStage) -> [ConcernStage] {
        switch stage {
        case .reported: [.triaged, .escalatedToPreventLead, .referred, .closed]
        case .triaged: [.escalatedToPreventLead, .externalAdviceSought, .referred, .closed]
        case .escalatedToPreventLead: [.externalAdviceSought, .referred, .closed]
        case .externalAdviceSought: [.escalatedToPreventLead, .referred, .closed]
        case .referred: [.externalAdviceSought, .closed]
        case .closed: []
        }
    }

    /// The stage a reopened record returns to.
    public static let reopenedStage = ConcernStage.triaged

    /// The shortest rationale accepted (a few words, not a placeholder).
    public static let minimumRationaleLength = 10

    /// Why a move from `current` to `target` with `rationale` is refused, or `nil` when it is allowed.
    public static func refusal(from current: ConcernStage, to target: ConcernStage, rationale: String?) -> String? {
        if current == .closed {
            return "the record is closed; reopen it first (concerns reopen REFERENCE --reason \"…\")"
        }
        if current == target { return "the record is already at the stage '\(target.label)'" }
        guard next(from: current).contains(target) else {
            let allowed = next(from: current).map(\.rawValue).joined(separator: ", ")
            return "a record at '\(current.label)' can move only to: \(allowed)"
        }
        return rationaleRefusal(rationale)
    }

    /// Why reopening a record at `current` with `reason` is refused, or `nil`.
    public static func reopenRefusal(from current: ConcernStage, reason: String?) -> String? {
        guard current == .closed else { return "only a closed record can be reopened (it is at '\(current.label)')" }
        return rationaleRefusal(reason)
    }

    /// Checks a record's recorded stages, in order from its creation (which is at `reported`), for the integrity
    /// check: the index of the first step no allowed move or reopening explains, or `nil` when all are explained.
    public static func firstInvalidStep(_ steps: [(stage: ConcernStage, reopened: Bool)]) -> Int? {
        guard let first = steps.first else { return nil }
        guard first.stage == .reported, !first.reopened else { return 0 }
        var current = first.stage
        for (index, step) in steps.enumerated().dropFirst() {
            let allowed =
                step.reopened
                ? current == .closed && step.stage == reopenedStage : next(from: current).contains(step.stage)
            guard allowed else { return index }
            current = step.stage
        }
        return nil
    }

    private static func rationaleRefusal(_ rationale: String?) -> String? {
        guard (rationale ?? "").filter({ !$0.isWhitespace }).count >= minimumRationaleLength else {
            return "a written rationale is needed for every stage change and closure (at least "
                + "\(minimumRationaleLength) letters): say why"
        }
        return nil
    }
}
