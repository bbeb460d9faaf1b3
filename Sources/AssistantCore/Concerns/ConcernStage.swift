/// The Prevent pathway inside the institution, as explicit stages. A record moves forward through them; each move
/// is dated and kept in the record's chronology.
public enum ConcernStage: String, Sendable, Hashable, Codable, CaseIterable {
    case reported
    case triaged
    case escalatedToPreventLead = "escalated_to_prevent_lead"
    case externalAdviceSought = "external_advice_sought"
    /// Formal referral to police Prevent / Channel (PMAP in Scotland).
    case referred
    case closed

    /// Words for people.
    public var label: String {
        switch self {
        case .reported: "reported"
        case .triaged: "triaged"
        case .escalatedToPreventLead: "escalated to the Prevent lead"
        case .externalAdviceSought: "external advice sought"
        case .referred: "formally referred to Prevent"
        case .closed: "closed"
        }
    }
}

/// The ideology category the Prevent lead sets at triage (the categories the OfS return counts).
public enum IdeologyCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case islamist
    case extremeRightWing = "extreme_right_wing"
    case mixedUnclearUnstable = "mixed_unclear_unstable"
    case other
    case notApplicable = "not_applicable"
}

/// How a closed concern ended.
public enum ConcernResolution: String, Sendable, Hashable, Codable, CaseIterable {
    case noFurtherAction = "no_further_action"
    case internalSupport = "internal_support"
    case referred
}

/// One dated step in a concern's stage history.
public struct StageChange: Sendable, Hashable, Codable {
    public let stage: ConcernStage
    public let on: CalendarDate
    public let ideology: IdeologyCategory?
    public let resolution: ConcernResolution?

    public init(
        stage: ConcernStage,
        on: CalendarDate,
        ideology: IdeologyCategory? = nil,
        resolution: ConcernResolution? = nil
    ) {
        self.stage = stage
        self.on = on
        self.ideology = ideology
        self.resolution = resolution
    }
}

/// A concern's stage history, in order, without any of its content: what the OfS report and retention read.
public struct ConcernHistory: Sendable, Hashable {
    public let reference: String
    public let changes: [StageChange]

    public init(reference: String, changes: [StageChange]) {
        self.reference = reference
        self.changes = changes
    }

    public var currentStage: ConcernStage { changes.last?.stage ?? .reported }

    /// The latest ideology category set, if any.
    public var ideology: IdeologyCategory? { changes.last { $0.ideology != nil }?.ideology }

    /// The day it was closed and how, if it is closed.
    public var closure: (on: CalendarDate, resolution: ConcernResolution?)? {
        guard let last = changes.last, last.stage == .closed else { return nil }
        return (last.on, last.resolution)
    }
}
