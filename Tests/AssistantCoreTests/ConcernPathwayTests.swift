import AssistantCore
import Testing

/// The pathway's moves, without a store: what is allowed, what needs a rationale, and how a recorded history is read.
struct ConcernPathwayTests {
    let rationale = "Discussed with the tutor today"

    @Test func aClosedRecordMovesOnlyByReopening() {
        for target in ConcernStage.allCases {
            #expect(ConcernPathway.refusal(from: .closed, to: target, rationale: rationale) != nil)
        }
        #expect(ConcernPathway.reopenRefusal(from: .closed, reason: rationale) == nil)
        #expect(ConcernPathway.reopenRefusal(from: .triaged, reason: rationale) != nil)
    }

    @Test func everyOpenStageCanBeClosedAndNoneGoesBackToReported() {
        for stage in ConcernStage.allCases where stage != .closed {
            #expect(ConcernPathway.refusal(from: stage, to: .closed, rationale: rationale) == nil, "\(stage)")
            #expect(ConcernPathway.refusal(from: stage, to: .reported, rationale: rationale) != nil, "\(stage)")
        }
    }

    @Test func aMoveNeedsARealRationale() {
        for empty in [nil, "", "   ", "ok", "n/a"] as [String?] {
            #expect(
                ConcernPathway.refusal(from: .reported, to: .triaged, rationale: empty)?.contains("rationale") == true
            )
        }
        #expect(ConcernPathway.refusal(from: .reported, to: .triaged, rationale: rationale) == nil)
    }

    @Test func aRecordedHistoryIsCheckedStepByStep() {
        let valid: [(stage: ConcernStage, reopened: Bool)] = [
            (.reported, false), (.triaged, false), (.closed, false), (.triaged, true), (.referred, false),
        ]
        #expect(ConcernPathway.firstInvalidStep(valid) == nil)
        let backwards: [(stage: ConcernStage, reopened: Bool)] = [
            (.reported, false), (.closed, false), (.reported, false),
        ]
        #expect(ConcernPathway.firstInvalidStep(backwards) == 2)
        let notCreated: [(stage: ConcernStage, reopened: Bool)] = [(.triaged, false)]
        #expect(ConcernPathway.firstInvalidStep(notCreated) == 0)
        let reopenedOpen: [(stage: ConcernStage, reopened: Bool)] = [(.reported, false), (.triaged, true)]
        #expect(ConcernPathway.firstInvalidStep(reopenedOpen) == 1)
    }

    @Test func onlyTheRightRolesGetEachPermission() {
        let roles = AccessRoles(
            safeguardingLeads: ["cli:lead"],
            preventLeads: ["matrix:@prevent:x"],
            deputies: ["cli:deputy"],
            auditors: ["cli:dpo"]
        )
        for permission in ConcernPermission.allCases {
            #expect(roles.permits("cli:lead", permission))
            #expect(roles.permits("matrix:@prevent:x", permission))
            #expect(!roles.permits("cli:mallory", permission))
        }
        #expect(roles.permits("cli:deputy", .alerts) && roles.permits("cli:deputy", .acknowledgeAlerts))
        #expect(!roles.permits("cli:deputy", .read) && !roles.permits("cli:deputy", .audit))
        #expect(roles.permits("cli:dpo", .audit) && roles.permits("cli:dpo", .verify))
        #expect(!roles.permits("cli:dpo", .read) && !roles.permits("cli:dpo", .alerts))
    }
}
